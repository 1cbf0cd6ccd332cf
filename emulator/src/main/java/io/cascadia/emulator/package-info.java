/**
 * An emulated cascaded OpenStack site: Nova, Neutron (with agents and l2 population), Cinder and Glance, wire
 * compatible with the real services, in memory, on one loopback port, validating tokens against a Keystone. Start
 * one with {@link io.cascadia.emulator.EmulatedSite#start}; many run side by side in one JVM.
 */
package io.cascadia.emulator;
