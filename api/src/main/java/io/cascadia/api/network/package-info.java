/**
 * Neutron v2.0 at the top, mounted at {@code /networking}: networks, subnets (central IPAM), ports, routers,
 * security groups, floating IPs, quotas, tags, extensions and availability zones, all served from the top database.
 * Nothing here reaches a site: networks and ports are made real where a server needs them, by the proxies.
 */
package io.cascadia.api.network;
