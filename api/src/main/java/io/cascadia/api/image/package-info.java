/**
 * Glance v2 at the top, mounted at {@code /image}: images with their data kept in the top database (MD5 checksum
 * and SHA-512 multihash computed on upload), visibility public, private, shared and community, tags and members.
 */
package io.cascadia.api.image;
