/** Resource mapping: the routing table's rows and the naming rule of bottom copies. */
package io.cascadia.core.routing;
