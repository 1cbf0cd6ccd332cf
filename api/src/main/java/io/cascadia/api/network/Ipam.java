package io.cascadia.api.network;

import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.Subnet;
import io.cascadia.store.network.Ports;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Central IPAM: addresses of a network are handed out at the top, lowest free address of a subnet's allocation pools
 * first, and checked when a caller names one. Must run inside the transaction that stores the port, whose primary key
 * on (network, address) turns a lost race into a conflict rather than a duplicate.
 */
final class Ipam {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Ports ports;

    Ipam(Ports ports) {
        this.ports = ports;
    }

    /**
     * A free address of the subnet's pools, or empty when every one is taken: the lowest on a first attempt; on a
     * retry after losing a race, one drawn at random among the lowest few, so racing requests spread out instead of
     * colliding again.
     */
    Optional<FixedIp> next(Subnet subnet, Set<String> alsoTaken, int attempt) {
        Set<String> allocated = ports.allocatedAddresses(subnet.id());
        int window = attempt <= 1 ? 1 : 16 * attempt;
        List<String> candidates = new ArrayList<>();
        for (Subnet.AllocationPool pool : subnet.allocationPools()) {
            Cidr.Address start = Cidr.Address.parse(pool.start()).orElseThrow();
            Cidr.Address end = Cidr.Address.parse(pool.end()).orElseThrow();
            for (Cidr.Address a = start; a.compareTo(end) <= 0 && candidates.size() < window; a = a.next()) {
                String text = a.toString();
                if (!allocated.contains(text) && !alsoTaken.contains(text) && !text.equals(subnet.gatewayIp())) {
                    candidates.add(text);
                }
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FixedIp(subnet.id(), candidates.get(RANDOM.nextInt(candidates.size()))));
    }

    /**
     * Resolves what a caller asked for in {@code fixed_ips} on a network with the given subnets: named addresses are
     * checked (in a subnet of the network, not taken), bare subnets get their next free address, and no request at all
     * gets one address per IP version.
     */
    List<FixedIp> allocate(String networkId, String portId, List<Subnet> subnets, List<Request> requests, int attempt) {
        List<FixedIp> result = new ArrayList<>();
        Set<String> taken = new java.util.HashSet<>();
        if (requests.isEmpty()) {
            for (int version : new int[] {4, 6}) {
                for (Subnet subnet : subnets) {
                    if (subnet.ipVersion() == version) {
                        Optional<FixedIp> ip = next(subnet, taken, attempt);
                        if (ip.isPresent()) {
                            result.add(ip.get());
                            break;
                        }
                    }
                }
            }
            if (result.isEmpty() && !subnets.isEmpty()) {
                throw exhausted(networkId);
            }
            return result;
        }
        for (Request request : requests) {
            FixedIp ip = request.ipAddress() == null
                    ? next(subnetOf(networkId, subnets, request.subnetId()), taken, attempt).orElseThrow(() -> exhausted(networkId))
                    : named(networkId, portId, subnets, request);
            if (!taken.add(ip.ipAddress())) {
                throw Neutron.invalidInput("Duplicate IP address '" + ip.ipAddress() + "'");
            }
            result.add(ip);
        }
        return result;
    }

    /** A {@code fixed_ips} entry: a subnet, an address, or both. */
    record Request(String subnetId, String ipAddress) {
    }

    private FixedIp named(String networkId, String portId, List<Subnet> subnets, Request request) {
        Cidr.Address address = Cidr.Address.parse(request.ipAddress())
                .orElseThrow(() -> Neutron.invalid("fixed_ips", "'" + Neutron.show(request.ipAddress()) + "' is not a valid IP address"));
        Subnet subnet;
        if (request.subnetId() != null) {
            subnet = subnetOf(networkId, subnets, request.subnetId());
            if (!Cidr.parse(subnet.cidr()).orElseThrow().contains(address)) {
                throw Neutron.badRequest("IP address " + address + " is not a valid IP for the specified subnet.");
            }
        } else {
            subnet = subnets.stream().filter(s -> Cidr.parse(s.cidr()).orElseThrow().contains(address)).findFirst()
                    .orElseThrow(() -> Neutron.badRequest("IP address " + address
                            + " is not a valid IP for any of the subnets on the specified network."));
        }
        String text = address.toString();
        Optional<String> holder = ports.addressHolder(networkId, text);
        if (holder.isPresent() && !holder.get().equals(portId)) {
            throw Neutron.conflict("IpAddressAlreadyAllocated",
                    "IP address " + text + " already allocated in subnet " + subnet.id());
        }
        return new FixedIp(subnet.id(), text);
    }

    private static Subnet subnetOf(String networkId, List<Subnet> subnets, String subnetId) {
        return subnets.stream().filter(s -> s.id().equals(subnetId)).findFirst()
                .orElseThrow(() -> Neutron.invalidInput("Failed to create port on network " + networkId
                        + ", because fixed_ips included invalid subnet " + Neutron.show(String.valueOf(subnetId))));
    }

    private static io.cascadia.core.error.OpenStackException exhausted(String networkId) {
        return Neutron.conflict("IpAddressGenerationFailure", "No more IP addresses available on network " + networkId + ".");
    }
}
