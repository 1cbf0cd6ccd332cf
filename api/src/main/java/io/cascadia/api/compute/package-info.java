/**
 * Nova v2.1 at the top, mounted at {@code /compute}: servers, volume attachments, flavors, keypairs, availability
 * zones, limits and quota sets, with microversions from 2.1 to the lowest maximum of the sites. A server create is
 * recorded in BUILD with its ports and a placement job in one transaction; the proxies place it in a site.
 */
package io.cascadia.api.compute;
