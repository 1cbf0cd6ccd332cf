package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.emulator.network.IpAddresses.Address;
import io.cascadia.web.AuthContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Subnets: CIDR, gateway and allocation pools checked as Neutron checks them, and one {@link AddressPool} per
 * subnet from which ports get their addresses.
 */
final class Subnets {
    static final Set<String> CREATE_ATTRIBUTES = Set.of("network_id", "cidr", "ip_version", "name", "description",
            "gateway_ip", "allocation_pools", "enable_dhcp", "dns_nameservers", "host_routes", "ipv6_ra_mode",
            "ipv6_address_mode", "project_id", "tenant_id", "subnetpool_id", "use_default_subnetpool", "segment_id",
            "service_types");
    static final Set<String> UPDATE_ATTRIBUTES = Set.of("name", "description", "gateway_ip", "enable_dhcp",
            "dns_nameservers", "host_routes");
    private static final Set<String> IPV6_MODES = Set.of("slaac", "dhcpv6-stateful", "dhcpv6-stateless");

    private final NeutronState state;
    private final Networks networks;

    Subnets(NeutronState state, Networks networks) {
        this.state = state;
        this.networks = networks;
    }

    Subnet visible(AuthContext auth, String id) {
        return state.subnets.find(id)
                .filter(subnet -> NeutronPolicy.canSee(auth, subnet, state.networks.find(subnet.networkId()).orElse(null)))
                .orElseThrow(() -> NeutronErrors.subnetNotFound(id));
    }

    Subnet create(AuthContext auth, ObjectNode body) {
        String networkId = NeutronBodies.string(body, "network_id")
                .orElseThrow(() -> NeutronErrors.badRequest("Failed to parse request. Required attribute 'network_id' not specified"));
        int ipVersion = NeutronBodies.integer(body, "ip_version")
                .orElseThrow(() -> NeutronErrors.badRequest("Failed to parse request. Required attribute 'ip_version' not specified"));
        if (ipVersion != 4 && ipVersion != 6) {
            throw NeutronErrors.invalidAttribute("ip_version", "'" + ipVersion + "' is not in [4, 6]");
        }
        NeutronBodies.nullableString(body, "subnetpool_id").flatMap(v -> v).ifPresent(pool -> {
            throw NeutronErrors.invalidInput("this site has no subnet pools; give a cidr instead");
        });
        String cidrText = NeutronBodies.string(body, "cidr")
                .orElseThrow(() -> NeutronErrors.badRequest("Bad subnets request: a cidr must be specified in the absence of a subnet pool."));
        Cidr cidr = Cidr.parse(cidrText)
                .orElseThrow(() -> NeutronErrors.invalidAttribute("cidr", "'" + NeutronBodies.shorten(cidrText) + "' is not a valid IP subnet"));
        if (cidr.version() != ipVersion) {
            throw NeutronErrors.invalidInput("Cidr " + cidr.text() + " does not match IP version " + ipVersion);
        }
        int hostBits = IpAddresses.bits(ipVersion) - cidr.prefixLength();
        if (hostBits < 2) {
            throw NeutronErrors.invalidInput("Invalid CIDR " + cidr.text() + " for IP version " + ipVersion);
        }
        String projectId = NeutronPolicy.targetProject(auth, NeutronBodies.string(body, "project_id")
                .or(() -> NeutronBodies.string(body, "tenant_id")), "subnet");
        String gateway = gateway(body, cidr);
        List<AddressPool.Range> ranges = ranges(body, cidr, gateway);
        String raMode = ipv6Mode(body, "ipv6_ra_mode", ipVersion);
        String addressMode = ipv6Mode(body, "ipv6_address_mode", ipVersion);
        List<String> nameservers = nameservers(body, ipVersion).orElse(List.of());
        List<Subnet.HostRoute> hostRoutes = hostRoutes(body, ipVersion).orElse(List.of());
        return state.write(() -> {
            Network network = networks.visible(auth, networkId);
            if (!NeutronPolicy.owns(auth, network.projectId())) {
                throw NeutronErrors.policy("create_subnet");
            }
            for (String otherId : network.subnetIds()) {
                Subnet other = state.subnets.find(otherId).orElseThrow();
                if (other.cidr().overlaps(cidr)) {
                    throw NeutronErrors.invalidInput("Requested subnet with cidr: " + cidr.text() + " for network: "
                            + networkId + " overlaps with another subnet");
                }
            }
            var now = state.now();
            List<Subnet.Pool> pools = ranges.stream()
                    .map(r -> new Subnet.Pool(IpAddresses.format(ipVersion, r.start()), IpAddresses.format(ipVersion, r.end())))
                    .toList();
            Subnet subnet = new Subnet(Ids.uuid(), state.strings.of(projectId), network.id(),
                    NeutronBodies.limitedString(body, "name", 255).orElse(""),
                    NeutronBodies.limitedString(body, "description", 255).orElse(""), cidr, gateway, pools,
                    NeutronBodies.bool(body, "enable_dhcp").orElse(true), nameservers, hostRoutes, raMode, addressMode,
                    List.of(), now, now, 0);
            AddressPool pool = new AddressPool(ipVersion, ranges);
            state.subnets.put(subnet);
            state.addAddressPool(subnet.id(), pool);
            List<String> subnetIds = new ArrayList<>(network.subnetIds());
            subnetIds.add(subnet.id());
            state.networks.put(network.withSubnets(subnetIds, now));
            return subnet;
        });
    }

    /** The gateway: the first address by default, none when JSON null, else the given address inside the CIDR. */
    private static String gateway(ObjectNode body, Cidr cidr) {
        Optional<Optional<String>> given = NeutronBodies.nullableString(body, "gateway_ip");
        if (given.isEmpty()) {
            return IpAddresses.format(cidr.version(), cidr.first().add(BigInteger.ONE));
        }
        if (given.get().isEmpty()) {
            return null;
        }
        Address address = parseAddress("gateway_ip", given.get().get());
        if (!cidr.contains(address) || address.value().equals(cidr.first())
                || (cidr.version() == 4 && address.value().equals(cidr.last()))) {
            throw NeutronErrors.invalidInput("Gateway is not valid on subnet");
        }
        return address.text();
    }

    private static List<AddressPool.Range> ranges(ObjectNode body, Cidr cidr, String gateway) {
        BigInteger gatewayValue = gateway == null ? null : IpAddresses.parse(gateway).orElseThrow().value();
        Optional<List<ObjectNode>> given = NeutronBodies.objectList(body, "allocation_pools");
        if (given.isEmpty()) {
            BigInteger first = cidr.first().add(BigInteger.ONE);
            BigInteger last = cidr.version() == 4 ? cidr.last().subtract(BigInteger.ONE) : cidr.last();
            List<AddressPool.Range> ranges = new ArrayList<>();
            if (gatewayValue == null || gatewayValue.compareTo(first) < 0 || gatewayValue.compareTo(last) > 0) {
                ranges.add(new AddressPool.Range(first, last));
            } else {
                if (gatewayValue.compareTo(first) > 0) {
                    ranges.add(new AddressPool.Range(first, gatewayValue.subtract(BigInteger.ONE)));
                }
                if (gatewayValue.compareTo(last) < 0) {
                    ranges.add(new AddressPool.Range(gatewayValue.add(BigInteger.ONE), last));
                }
            }
            return ranges;
        }
        List<AddressPool.Range> ranges = new ArrayList<>();
        for (ObjectNode pool : given.get()) {
            NeutronBodies.checkAttributes(pool, Set.of("start", "end"));
            Address start = parseAddress("allocation_pools", NeutronBodies.string(pool, "start")
                    .orElseThrow(() -> NeutronErrors.invalidAttribute("allocation_pools", "Missing start address")));
            Address end = parseAddress("allocation_pools", NeutronBodies.string(pool, "end")
                    .orElseThrow(() -> NeutronErrors.invalidAttribute("allocation_pools", "Missing end address")));
            if (!cidr.contains(start) || !cidr.contains(end) || start.value().compareTo(end.value()) > 0) {
                throw NeutronErrors.badRequest("The allocation pool " + start.text() + "-" + end.text()
                        + " spans beyond the subnet cidr " + cidr.text() + ".");
            }
            if (gatewayValue != null && gatewayValue.compareTo(start.value()) >= 0 && gatewayValue.compareTo(end.value()) <= 0) {
                throw NeutronErrors.conflict("GatewayConflictWithAllocationPools", "Gateway ip " + gateway
                        + " conflicts with allocation pool " + start.text() + "-" + end.text() + ".");
            }
            ranges.add(new AddressPool.Range(start.value(), end.value()));
        }
        ranges.sort(Comparator.comparing(AddressPool.Range::start));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).start().compareTo(ranges.get(i - 1).end()) <= 0) {
                throw NeutronErrors.badRequest("Found overlapping allocation pools: "
                        + IpAddresses.format(cidr.version(), ranges.get(i - 1).start()) + " and "
                        + IpAddresses.format(cidr.version(), ranges.get(i).start()) + " for subnet " + cidr.text() + ".");
            }
        }
        return ranges;
    }

    private static String ipv6Mode(ObjectNode body, String name, int ipVersion) {
        Optional<String> mode = NeutronBodies.nullableString(body, name).flatMap(v -> v);
        if (mode.isEmpty()) {
            return null;
        }
        if (ipVersion != 6) {
            throw NeutronErrors.invalidInput(name + " is not valid when ip_version is 4");
        }
        if (!IPV6_MODES.contains(mode.get())) {
            throw NeutronErrors.invalidAttribute(name, "'" + NeutronBodies.shorten(mode.get()) + "' is not in " + IPV6_MODES);
        }
        return mode.get();
    }

    private static Optional<List<String>> nameservers(ObjectNode body, int ipVersion) {
        return NeutronBodies.stringList(body, "dns_nameservers").map(list -> list.stream()
                .map(server -> parseAddress("dns_nameservers", server).text())
                .toList());
    }

    private static Optional<List<Subnet.HostRoute>> hostRoutes(ObjectNode body, int ipVersion) {
        return NeutronBodies.objectList(body, "host_routes").map(list -> list.stream().map(route -> {
            NeutronBodies.checkAttributes(route, Set.of("destination", "nexthop"));
            String destination = NeutronBodies.string(route, "destination").orElse("");
            Cidr cidr = Cidr.parse(destination).orElseThrow(() -> NeutronErrors.invalidAttribute("host_routes",
                    "'" + NeutronBodies.shorten(destination) + "' is not a valid IP subnet"));
            Address nexthop = parseAddress("host_routes", NeutronBodies.string(route, "nexthop").orElse(""));
            if (cidr.version() != ipVersion || nexthop.version() != ipVersion) {
                throw NeutronErrors.invalidInput("host route " + cidr.text() + " via " + nexthop.text()
                        + " does not match IP version " + ipVersion);
            }
            return new Subnet.HostRoute(cidr.text(), nexthop.text());
        }).toList());
    }

    static Address parseAddress(String attribute, String text) {
        return IpAddresses.parse(text).orElseThrow(() -> NeutronErrors.invalidAttribute(attribute,
                "'" + NeutronBodies.shorten(text) + "' is not a valid IP address"));
    }

    Subnet update(AuthContext auth, String id, ObjectNode body) {
        return state.write(() -> {
            Subnet current = visible(auth, id);
            if (!NeutronPolicy.owns(auth, current.projectId())) {
                throw NeutronErrors.policy("update_subnet");
            }
            String gateway = current.gatewayIp();
            if (body.has("gateway_ip")) {
                gateway = gateway(body, current.cidr());
                if (gateway != null) {
                    Address address = IpAddresses.parse(gateway).orElseThrow();
                    for (Subnet.Pool pool : current.allocationPools()) {
                        BigInteger start = IpAddresses.parse(pool.start()).orElseThrow().value();
                        BigInteger end = IpAddresses.parse(pool.end()).orElseThrow().value();
                        if (address.value().compareTo(start) >= 0 && address.value().compareTo(end) <= 0) {
                            throw NeutronErrors.conflict("GatewayConflictWithAllocationPools", "Gateway ip " + gateway
                                    + " conflicts with allocation pool " + pool.start() + "-" + pool.end() + ".");
                        }
                    }
                }
            }
            Subnet updated = current.with(
                    NeutronBodies.limitedString(body, "name", 255).orElse(current.name()),
                    NeutronBodies.limitedString(body, "description", 255).orElse(current.description()),
                    gateway,
                    NeutronBodies.bool(body, "enable_dhcp").orElse(current.enableDhcp()),
                    nameservers(body, current.ipVersion()).orElse(current.dnsNameservers()),
                    hostRoutes(body, current.ipVersion()).orElse(current.hostRoutes()),
                    state.now());
            state.subnets.put(updated);
            return updated;
        });
    }

    /**
     * @throws io.cascadia.core.error.OpenStackException 409 SubnetInUse while a port has an address on it
     */
    void delete(AuthContext auth, String id) {
        state.writeVoid(() -> {
            Subnet subnet = visible(auth, id);
            if (!NeutronPolicy.owns(auth, subnet.projectId())) {
                throw NeutronErrors.policy("delete_subnet");
            }
            if (state.addressPool(id).usedCount() > 0) {
                throw NeutronErrors.conflict("SubnetInUse", "Unable to complete operation on subnet " + id
                        + ": One or more ports have an IP allocation from this subnet.");
            }
            state.subnets.remove(id);
            state.removeAddressPool(id);
            state.networks.find(subnet.networkId()).ifPresent(network -> {
                List<String> remaining = new ArrayList<>(network.subnetIds());
                remaining.remove(id);
                state.networks.put(network.withSubnets(remaining, state.now()));
            });
        });
    }
}
