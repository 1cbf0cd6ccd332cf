/**
 * The emulated site's Nova v2.1 (microversions 2.1 to 2.79): servers and their state machine (BUILD, ACTIVE,
 * SHUTOFF, REBOOT, ERROR with a fault), placement on the site's hosts within their capacity, the ports Nova creates
 * and binds through Neutron, volume attachments through Cinder, flavors, keypairs, availability zones,
 * hypervisors, quotas and limits.
 */
package io.cascadia.emulator.compute;
