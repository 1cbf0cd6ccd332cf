/** Images in sites: copies of top images, made on first use, verified by checksum. */
package io.cascadia.cascade.image;
