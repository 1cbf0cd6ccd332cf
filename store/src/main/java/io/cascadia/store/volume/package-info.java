/**
 * Cinder's tables at the top: volume types, volumes, their attachments to servers, and what the cinder proxy
 * observes of them in sites.
 */
package io.cascadia.store.volume;
