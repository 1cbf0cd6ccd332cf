/** Glance's resources as the top holds them: images, their bytes' checksums and their members. */
package io.cascadia.core.image;
