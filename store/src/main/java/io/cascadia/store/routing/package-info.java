/** The routing table: top resources to their bottom copies in sites, and back. */
package io.cascadia.store.routing;
