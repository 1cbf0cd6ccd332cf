/**
 * The nova proxy: scheduling new servers to sites, building them there (with their networks, ports, flavor,
 * keypair and image), deleting them, and the copies of flavors and keypairs they need.
 */
package io.cascadia.cascade.compute;
