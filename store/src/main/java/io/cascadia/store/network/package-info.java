/** Neutron's tables at the top: networks, subnets, ports and address allocations, routers, security groups, floating IPs, tags. */
package io.cascadia.store.network;
