/** Cinder's tables at the top: volume types and volumes. */
package io.cascadia.store.volume;
