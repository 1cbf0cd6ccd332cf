package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.Subnet;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.network.PortBindings;
import io.cascadia.store.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote ports a site must hold, read from the top database: a port of the network gets one in the site when
 * a copy of it is ACTIVE in another site (the newest such binding, if a move left two) and it has no copy of its
 * own there. A binding counts only while its copy is in the routing table, so a status poll that raced the copy's
 * deletion cannot bring the port back.
 */
public final class WantedRemotePorts {
    private static final Logger LOG = LoggerFactory.getLogger(WantedRemotePorts.class);

    private final NetworkRepositories top;
    private final RoutingTable routing;
    private final PortBindings bindings;

    public WantedRemotePorts(NetworkRepositories top, RoutingTable routing, PortBindings bindings) {
        this.top = requireNonNull(top, "top is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.bindings = requireNonNull(bindings, "bindings is null");
    }

    /** The remote ports of every port of the network in the site, by top port id. */
    Map<String, RemotePorts.Wanted> ofNetwork(String networkId, String region, Collection<Port> ports) {
        Map<String, List<Routing>> copies = new HashMap<>();
        routing.forTops(ResourceKind.PORT, ports.stream().map(Port::id).toList())
                .forEach(row -> copies.computeIfAbsent(row.topId(), id -> new ArrayList<>()).add(row));
        Map<String, List<PortBindings.Binding>> bound = new HashMap<>();
        bindings.forNetwork(networkId).forEach(b -> bound.computeIfAbsent(b.portId(), id -> new ArrayList<>()).add(b));
        Map<String, String> bottomSubnets = bottomSubnets(networkId, region);
        Map<String, RemotePorts.Wanted> wanted = new LinkedHashMap<>();
        for (Port port : ports) {
            decide(port, region, copies.getOrDefault(port.id(), List.of()), bound.getOrDefault(port.id(), List.of()), bottomSubnets)
                    .ifPresent(w -> wanted.put(port.id(), w));
        }
        return wanted;
    }

    /** The remote port of one port in the site, if it must have one. */
    Optional<RemotePorts.Wanted> ofPort(Port port, String region) {
        List<PortBindings.Binding> bound = bindings.forPort(port.id());
        if (bound.stream().noneMatch(b -> usable(b, region))) {
            return Optional.empty();
        }
        return decide(port, region, routing.forTop(port.id(), ResourceKind.PORT), bound, bottomSubnets(port.networkId(), region));
    }

    private Optional<RemotePorts.Wanted> decide(Port port, String region, List<Routing> copies, List<PortBindings.Binding> bound,
                                                Map<String, String> bottomSubnets) {
        if (copies.stream().anyMatch(copy -> copy.region().equals(region))) {
            return Optional.empty();
        }
        Optional<PortBindings.Binding> origin = bound.stream()
                .filter(b -> usable(b, region))
                .filter(b -> copies.stream().anyMatch(copy -> copy.region().equals(b.region()) && copy.bottomId() != null))
                .reduce((a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        List<RemotePorts.Address> addresses = new ArrayList<>();
        for (FixedIp ip : port.fixedIps()) {
            String bottomSubnet = bottomSubnets.get(ip.subnetId());
            if (bottomSubnet == null) {
                LOG.warn("subnet {} of port {} has no copy in {}: its remote port there goes without {}", ip.subnetId(),
                        port.id(), region, ip.ipAddress());
            } else {
                addresses.add(new RemotePorts.Address(bottomSubnet, ip.ipAddress()));
            }
        }
        PortBindings.Binding binding = origin.get();
        return Optional.of(new RemotePorts.Wanted(port.id(), port.projectId(), BottomNames.of(port.name(), port.id()),
                port.macAddress(), addresses, new RemotePorts.Origin(binding.region(), binding.host(), binding.vtep())));
    }

    private static boolean usable(PortBindings.Binding binding, String region) {
        return "ACTIVE".equals(binding.status()) && binding.host() != null && binding.vtep() != null
                && !binding.region().equals(region);
    }

    private Map<String, String> bottomSubnets(String networkId, String region) {
        Map<String, String> bottomSubnets = new HashMap<>();
        for (Subnet subnet : top.subnets().listForNetwork(networkId)) {
            routing.find(subnet.id(), ResourceKind.SUBNET, region)
                    .filter(row -> row.bottomId() != null)
                    .ifPresent(row -> bottomSubnets.put(subnet.id(), row.bottomId()));
        }
        return bottomSubnets;
    }
}
