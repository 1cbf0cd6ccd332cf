/**
 * The nova proxy: scheduling new servers to sites, building them there (with their networks, ports, flavor,
 * keypair and image), taking power actions and renames to them, deleting them, settling stray copies the pollers
 * find (adopt, delete or leave alone), and the copies of flavors and keypairs they need.
 */
package io.cascadia.cascade.compute;
