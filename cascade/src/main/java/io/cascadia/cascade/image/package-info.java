/**
 * Images in sites: copies of top images, made on first use with their data streamed from the top and verified by
 * checksum, and deleted once the top image is gone and no server in the site uses them.
 */
package io.cascadia.cascade.image;
