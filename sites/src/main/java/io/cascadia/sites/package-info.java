/**
 * The typed client of one cascaded site: URL mapping from the Keystone catalog by region, service-user tokens per
 * project, a bulkhead and connection pool per site, request ids sent down and logged, and the Nova, Neutron,
 * Cinder and Glance calls the proxies make. Works against real OpenStack and the emulator alike.
 */
package io.cascadia.sites;
