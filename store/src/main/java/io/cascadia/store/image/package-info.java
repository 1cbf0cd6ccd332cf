/** Glance's tables at the top: images, their data in chunks, their members, and which sites still use them. */
package io.cascadia.store.image;
