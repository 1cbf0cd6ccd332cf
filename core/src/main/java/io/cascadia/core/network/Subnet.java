package io.cascadia.core.network;

import java.time.Instant;
import java.util.List;

/** A Neutron subnet: a CIDR of a network whose addresses the top allocates (central IPAM). */
public record Subnet(String id, String projectId, String networkId, String name, String description, int ipVersion,
                     String cidr, String gatewayIp, boolean enableDhcp, List<AllocationPool> allocationPools,
                     List<String> dnsNameservers, List<HostRoute> hostRoutes, long revisionNumber, Instant createdAt,
                     Instant updatedAt) {
    public Subnet {
        allocationPools = List.copyOf(allocationPools);
        dnsNameservers = List.copyOf(dnsNameservers);
        hostRoutes = List.copyOf(hostRoutes);
    }

    /** An inclusive range of addresses the IPAM may hand out. */
    public record AllocationPool(String start, String end) {
    }

    /** A route a subnet's hosts are told about: {@code destination} CIDR via {@code nexthop}. */
    public record HostRoute(String destination, String nexthop) {
    }
}
