/**
 * The cinder proxy: placing new volumes in a site of their zone, building them there (with copies of their volume
 * type and image), renaming, extending and deleting them, and attaching them to servers of the same site through
 * the site's Nova, and settling stray copies the pollers find. Status comes back through {@code polling}.
 */
package io.cascadia.cascade.volume;
