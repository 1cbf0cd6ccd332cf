/** The emulated site's Glance v2: images with their data in memory, checksums, visibility, tags and properties. */
package io.cascadia.emulator.image;
