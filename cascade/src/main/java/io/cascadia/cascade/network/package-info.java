/** The network side of the proxies: bottom copies of networks, subnets and ports, and port status pulled back. */
package io.cascadia.cascade.network;
