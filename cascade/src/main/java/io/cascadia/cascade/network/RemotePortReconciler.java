package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.Subnet;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.network.PortBindings;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code l2.remote_ports}, the l2 proxy of one network in one site (DESIGN §4): makes the site's remote ports of the
 * network exactly the ports that are ACTIVE in other sites. Level-triggered: every run reads the wanted state from
 * the top (ports, their copies and where those are bound, from {@code port_binding}) and the actual state from the
 * site (one listing of the network copy's remote ports), then creates the missing ones in bulk, re-points the ones
 * whose port moved, and deletes the ones whose port was deleted, unbound or moved into this site. Safe to run again
 * at any time; a site without a copy of the network has nothing to do (the copy's release removes its remote ports).
 */
public final class RemotePortReconciler implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RemotePortReconciler.class);

    private final NetworkRepositories top;
    private final RoutingTable routing;
    private final PortBindings bindings;
    private final RemotePorts remotePorts;
    private final Clock clock;

    public RemotePortReconciler(NetworkRepositories top, RoutingTable routing, PortBindings bindings, RemotePorts remotePorts,
                                Clock clock) {
        this.top = requireNonNull(top, "top is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.bindings = requireNonNull(bindings, "bindings is null");
        this.remotePorts = requireNonNull(remotePorts, "remotePorts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String type() {
        return RemotePortJobs.TYPE;
    }

    @Override
    public Result run(Job job) {
        String region = job.region();
        String networkId = RemotePortJobs.networkIdOf(job);
        Routing copy = routing.find(networkId, BottomNetworks.NETWORK, region).orElse(null);
        if (copy == null || copy.state() != RoutingState.ACTIVE || copy.bottomId() == null) {
            return Result.done();
        }
        Map<String, Port> ports = new LinkedHashMap<>();
        top.ports().listForNetwork(networkId).forEach(port -> ports.put(port.id(), port));
        Map<String, RemotePorts.Wanted> wanted = wanted(networkId, region, ports);
        Map<String, Routing> rows = new HashMap<>();
        routing.forTops(BottomPorts.REMOTE_PORT, ports.keySet()).stream()
                .filter(row -> row.region().equals(region))
                .forEach(row -> rows.put(row.topId(), row));
        Map<String, RemotePorts.Observed> kept = new HashMap<>();
        int deleted = 0;
        int rebound = 0;
        for (RemotePorts.Observed port : remotePorts.list(region, copy.bottomId())) {
            RemotePorts.Wanted want = port.topPortId() == null ? null : wanted.get(port.topPortId());
            if (want == null || kept.containsKey(port.topPortId()) || !port.sameAddresses(want)) {
                remotePorts.delete(region, port);
                deleted++;
                continue;
            }
            kept.put(port.topPortId(), port);
            if (!port.sameOrigin(want)) {
                remotePorts.rebind(region, port.bottomId(), want.origin());
                rebound++;
            }
            Routing row = rows.get(port.topPortId());
            if (row == null || !port.bottomId().equals(row.bottomId()) || row.state() != RoutingState.ACTIVE) {
                // made by a run that died before recording it: adopted
                routing.markActive(port.topPortId(), BottomPorts.REMOTE_PORT, region, port.bottomId(),
                        clock.instant().truncatedTo(ChronoUnit.MICROS));
            }
        }
        rows.forEach((portId, row) -> {
            if (!kept.containsKey(portId) && !wanted.containsKey(portId)) {
                routing.remove(portId, BottomPorts.REMOTE_PORT, region);
            }
        });
        List<RemotePorts.Wanted> missing = wanted.values().stream().filter(w -> !kept.containsKey(w.topPortId())).toList();
        int created = remotePorts.create(region, copy.bottomId(), missing, clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (created + deleted + rebound > 0) {
            LOG.info("remote ports of network {} in {}: {} created, {} moved, {} deleted, {} in place", networkId, region,
                    created, rebound, deleted, kept.size() - rebound);
        }
        return Result.done();
    }

    /**
     * The remote ports the site must hold, by top port id: every port of the network with a copy ACTIVE in another
     * site (the newest such binding if a move left two) and none in this one. A binding counts only while its copy is
     * in the routing table, so a poll that raced a deletion cannot bring a port back.
     */
    private Map<String, RemotePorts.Wanted> wanted(String networkId, String region, Map<String, Port> ports) {
        Set<String> copies = new HashSet<>();
        Set<String> localHere = new HashSet<>();
        for (Routing row : routing.forTops(BottomPorts.PORT, ports.keySet())) {
            if (row.region().equals(region)) {
                localHere.add(row.topId());
            } else if (row.bottomId() != null) {
                copies.add(row.topId() + "@" + row.region());
            }
        }
        Map<String, PortBindings.Binding> origins = new HashMap<>();
        for (PortBindings.Binding binding : bindings.forNetwork(networkId)) {
            boolean usable = "ACTIVE".equals(binding.status()) && binding.host() != null && binding.vtep() != null
                    && !binding.region().equals(region) && !localHere.contains(binding.portId())
                    && copies.contains(binding.portId() + "@" + binding.region());
            if (usable) {
                origins.merge(binding.portId(), binding, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
            }
        }
        Map<String, String> bottomSubnets = new HashMap<>();
        for (Subnet subnet : top.subnets().listForNetwork(networkId)) {
            routing.find(subnet.id(), BottomNetworks.SUBNET, region)
                    .filter(row -> row.bottomId() != null)
                    .ifPresent(row -> bottomSubnets.put(subnet.id(), row.bottomId()));
        }
        Map<String, RemotePorts.Wanted> wanted = new LinkedHashMap<>();
        origins.forEach((portId, binding) -> {
            Port port = ports.get(portId);
            List<RemotePorts.Address> addresses = new ArrayList<>();
            for (FixedIp ip : port.fixedIps()) {
                String bottomSubnet = bottomSubnets.get(ip.subnetId());
                if (bottomSubnet == null) {
                    LOG.warn("subnet {} of port {} has no copy in {}: its remote port there goes without {}", ip.subnetId(),
                            portId, region, ip.ipAddress());
                } else {
                    addresses.add(new RemotePorts.Address(bottomSubnet, ip.ipAddress()));
                }
            }
            wanted.put(portId, new RemotePorts.Wanted(portId, port.projectId(), BottomNames.of(port.name(), portId),
                    port.macAddress(), addresses, new RemotePorts.Origin(binding.region(), binding.host(), binding.vtep())));
        });
        return wanted;
    }
}
