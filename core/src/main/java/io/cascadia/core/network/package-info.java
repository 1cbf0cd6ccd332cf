/** Neutron's resources as the top database holds them: networks, subnets, ports, routers, security groups, floating IPs. */
package io.cascadia.core.network;
