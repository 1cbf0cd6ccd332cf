package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.emulator.network.IpAddresses.Address;
import io.cascadia.web.AuthContext;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The addresses and MACs of ports: the first free address of a network's subnets (one IPv4 and one IPv6), the
 * addresses a caller asks for (taken only if free, all or none), and MACs unique per network, chosen by the caller
 * or drawn as {@code fa:16:3e:xx:xx:xx}. Every method runs under Neutron's write lock.
 */
final class PortAddresses {
    private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");

    private final NeutronState state;

    PortAddresses(NeutronState state) {
        this.state = state;
    }

    /** Allocates the first free address of the network (or of one subnet). Runs under the write lock. */
    List<FixedIp> allocate(Network network, Subnet subnet) {
        if (subnet == null) {
            return defaultAddresses(network);
        }
        String ip = state.addressPool(subnet.id()).allocate().orElseThrow(() -> exhausted(network.id()));
        return List.of(new FixedIp(subnet.id(), ip));
    }

    /** Takes a given address of a subnet; 409 when taken. Runs under the write lock. */
    FixedIp take(Subnet subnet, String ip) {
        Address address = IpAddresses.parse(ip).orElseThrow();
        if (!state.addressPool(subnet.id()).take(address)) {
            throw alreadyAllocated(address.text(), subnet.id());
        }
        return new FixedIp(subnet.id(), address.text());
    }

    List<FixedIp> defaultAddresses(Network network) {
        List<FixedIp> addresses = new ArrayList<>();
        boolean v4 = false;
        boolean v6 = false;
        for (String subnetId : network.subnetIds()) {
            Subnet subnet = state.subnets.find(subnetId).orElseThrow();
            if ((subnet.ipVersion() == 4 && v4) || (subnet.ipVersion() == 6 && v6)) {
                continue;
            }
            Optional<String> ip = state.addressPool(subnetId).allocate();
            if (ip.isPresent()) {
                addresses.add(new FixedIp(subnetId, ip.get()));
                v4 |= subnet.ipVersion() == 4;
                v6 |= subnet.ipVersion() == 6;
            }
        }
        if (addresses.isEmpty() && !network.subnetIds().isEmpty()) {
            throw exhausted(network.id());
        }
        return List.copyOf(addresses);
    }

    List<FixedIp> requested(AuthContext auth, Network network, List<ObjectNode> requests,
                                             boolean networkOwner, List<FixedIp> current) {
        List<FixedIp> taken = new ArrayList<>();
        try {
            for (ObjectNode request : requests) {
                NeutronBodies.checkAttributes(request, Set.of("subnet_id", "ip_address"));
                Optional<String> subnetId = NeutronBodies.string(request, "subnet_id");
                Optional<String> ip = NeutronBodies.string(request, "ip_address");
                if (ip.isPresent() && !networkOwner) {
                    throw NeutronErrors.policy("create_port:fixed_ips:ip_address");
                }
                Subnet subnet;
                if (subnetId.isPresent()) {
                    subnet = state.subnets.find(subnetId.get())
                            .filter(s -> s.networkId().equals(network.id()))
                            .orElseThrow(() -> NeutronErrors.invalidInput("Failed to create port on network "
                                    + network.id() + ", because fixed_ips included invalid subnet " + subnetId.get()));
                } else if (ip.isPresent()) {
                    Address address = Subnets.parseAddress("fixed_ips", ip.get());
                    subnet = subnetFor(network, address).orElseThrow(() -> NeutronErrors.invalidInput("IP address "
                            + address.text() + " is not a valid IP for any of the subnets on the specified network"));
                } else {
                    throw NeutronErrors.invalidInput("Exceeded maximum amount of fixed ips per port.");
                }
                if (ip.isEmpty()) {
                    String allocated = state.addressPool(subnet.id()).allocate().orElseThrow(() -> exhausted(network.id()));
                    taken.add(new FixedIp(subnet.id(), allocated));
                    continue;
                }
                Address address = Subnets.parseAddress("fixed_ips", ip.get());
                if (!subnet.cidr().contains(address)) {
                    throw NeutronErrors.invalidInput("IP address " + address.text() + " is not a valid IP for the specified subnet");
                }
                FixedIp fixed = new FixedIp(subnet.id(), address.text());
                if (current.contains(fixed)) {
                    taken.add(fixed);
                    continue;
                }
                if (!state.addressPool(subnet.id()).take(address)) {
                    throw alreadyAllocated(address.text(), subnet.id());
                }
                taken.add(fixed);
            }
        } catch (RuntimeException e) {
            List<FixedIp> fresh = new ArrayList<>(taken);
            fresh.removeAll(current);
            release(fresh);
            throw e;
        }
        return List.copyOf(taken);
    }

    Optional<Subnet> subnetFor(Network network, Address address) {
        for (String subnetId : network.subnetIds()) {
            Subnet subnet = state.subnets.find(subnetId).orElseThrow();
            if (subnet.cidr().contains(address)) {
                return Optional.of(subnet);
            }
        }
        return Optional.empty();
    }

    void release(List<FixedIp> addresses) {
        for (FixedIp ip : addresses) {
            AddressPool pool = state.addressPool(ip.subnetId());
            if (pool != null) {
                pool.release(ip.ipAddress());
            }
        }
    }

    String takeMac(String networkId, Optional<String> requested) {
        if (requested.isPresent()) {
            if (!state.takeMac(networkId, requested.get())) {
                throw NeutronErrors.conflict("MacAddressInUse", "Unable to complete operation for network " + networkId
                        + ". The mac address " + requested.get() + " is in use.");
            }
            return requested.get();
        }
        byte[] bytes = new byte[3];
        while (true) {
            ThreadLocalRandom.current().nextBytes(bytes);
            String mac = "fa:16:3e:" + HexFormat.ofDelimiter(":").formatHex(bytes);
            if (state.takeMac(networkId, mac)) {
                return mac;
            }
        }
    }

    static String normalizeMac(String mac) {
        if (!MAC.matcher(mac).matches()) {
            throw NeutronErrors.invalidAttribute("mac_address", "'" + NeutronBodies.shorten(mac) + "' is not a valid MAC address");
        }
        return mac.toLowerCase(Locale.ROOT);
    }

    static OpenStackException exhausted(String networkId) {
        return NeutronErrors.conflict("IpAddressGenerationFailure", "No more IP addresses available on network " + networkId + ".");
    }

    private static OpenStackException alreadyAllocated(String ip, String subnetId) {
        return NeutronErrors.conflict("IpAddressAlreadyAllocated", "IP address " + ip + " already allocated in subnet " + subnetId);
    }
}
