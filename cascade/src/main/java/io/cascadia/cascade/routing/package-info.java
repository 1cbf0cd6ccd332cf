/** Resource mapping at work: get-or-create of bottom copies through the routing table, with adoption by name. */
package io.cascadia.cascade.routing;
