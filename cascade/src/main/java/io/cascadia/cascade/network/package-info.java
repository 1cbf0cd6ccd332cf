/**
 * The network side of the proxies: bottom copies of networks (with the top's VNI), subnets and ports, and the l2
 * proxy's remote ports, which announce a port living in one site to every other site that holds its network.
 */
package io.cascadia.cascade.network;
