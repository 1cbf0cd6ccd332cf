package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.List;

/** A Neutron subnet: a CIDR of one network, its gateway and the pools ports get addresses from. */
record Subnet(String id, String projectId, String networkId, String name, String description, Cidr cidr,
              String gatewayIp, List<Pool> allocationPools, boolean enableDhcp, List<String> dnsNameservers,
              List<HostRoute> hostRoutes, String ipv6RaMode, String ipv6AddressMode, List<String> tags,
              Instant createdAt, Instant updatedAt, int revision) implements Resource, Tagged {

    /** An allocation pool as the API shows it. */
    record Pool(String start, String end) {
    }

    /** A static route handed to servers by DHCP. */
    record HostRoute(String destination, String nexthop) {
    }

    int ipVersion() {
        return cidr.version();
    }

    Subnet with(String name, String description, String gatewayIp, boolean enableDhcp, List<String> dnsNameservers,
                List<HostRoute> hostRoutes, Instant now) {
        return new Subnet(id, projectId, networkId, name, description, cidr, gatewayIp, allocationPools, enableDhcp,
                List.copyOf(dnsNameservers), List.copyOf(hostRoutes), ipv6RaMode, ipv6AddressMode, tags, createdAt, now,
                revision + 1);
    }

    Subnet withTags(List<String> tags, Instant now) {
        return new Subnet(id, projectId, networkId, name, description, cidr, gatewayIp, allocationPools, enableDhcp,
                dnsNameservers, hostRoutes, ipv6RaMode, ipv6AddressMode, List.copyOf(tags), createdAt, now, revision + 1);
    }
}
