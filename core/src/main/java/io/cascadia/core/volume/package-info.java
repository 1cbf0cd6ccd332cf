/** Cinder's resources as the top database holds them: volumes and volume types. */
package io.cascadia.core.volume;
