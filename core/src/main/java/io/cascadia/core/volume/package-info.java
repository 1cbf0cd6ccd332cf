/** Cinder's resources as the top database holds them: volumes, their attachments to servers, and volume types. */
package io.cascadia.core.volume;
