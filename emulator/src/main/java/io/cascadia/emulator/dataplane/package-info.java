/**
 * The emulated sites' real dataplane: hosts and servers as network namespaces of the shared
 * {@link io.cascadia.dataplane.Dataplane}, wired from the site's plugged ports and programmed from its l2 population.
 */
package io.cascadia.emulator.dataplane;
