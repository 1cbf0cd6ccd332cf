/**
 * The emulated site's Neutron: networks and segments, subnets with address pools, ports with bindings and status,
 * routers, security groups, tags, agents, and the l2 population table of each agent, including remote ports bound
 * to another site's tunnel endpoint through their binding profile.
 */
package io.cascadia.emulator.network;
