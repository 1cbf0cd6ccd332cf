/**
 * The real dataplane of the emulated sites: hosts and servers as Linux network namespaces, VXLAN between hosts
 * over a private underlay, and fdb / ARP-responder entries programmed from l2 population and reconciled against
 * what the kernel reports. Everything lives in namespaces this process creates.
 */
package io.cascadia.dataplane;
