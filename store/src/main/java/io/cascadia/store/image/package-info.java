/** Glance's tables at the top: images, their data in chunks, and their members. */
package io.cascadia.store.image;
