package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code l2.remote_ports}: all remote ports of one network in one site at once (DESIGN §4), when the site has just
 * got a copy of the network (it needs one for every port already elsewhere) and on the site's periodic full
 * resync. Reads the wanted remote ports from the top and the actual ones from the site (one listing of the network
 * copy), then creates the missing ones in bulk, re-points the ones whose port moved and deletes the rest of
 * Cascadia's, orphans included; ports it cannot prove its own ({@link RemotePorts#listOwned}) are left alone. A site without an active copy of the network has nothing to do: the copy's release removes its remote
 * ports. Changes of single ports go through {@link RemotePortReconciler}; both are safe to run at any time.
 */
public final class RemotePortSweep implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RemotePortSweep.class);
    private static final Duration BUSY_RETRY = Duration.ofMillis(200);

    private final NetworkRepositories top;
    private final RoutingTable routing;
    private final WantedRemotePorts wanted;
    private final RemotePorts remotePorts;
    private final Clock clock;

    public RemotePortSweep(NetworkRepositories top, RoutingTable routing, WantedRemotePorts wanted, RemotePorts remotePorts,
                           Clock clock) {
        this.top = requireNonNull(top, "top is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.wanted = requireNonNull(wanted, "wanted is null");
        this.remotePorts = requireNonNull(remotePorts, "remotePorts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.REMOTE_PORT_SWEEP;
    }

    @Override
    public Result run(Job job) {
        String region = job.region();
        String networkId = job.idInSite();
        Routing copy = routing.find(networkId, ResourceKind.NETWORK, region).orElse(null);
        Network network = top.networks().find(networkId).orElse(null);
        if (network == null || copy == null || copy.state() != RoutingState.ACTIVE || copy.bottomId() == null) {
            return Result.done();
        }
        Map<String, Port> ports = new LinkedHashMap<>();
        top.ports().listForNetwork(networkId).forEach(port -> ports.put(port.id(), port));
        Map<String, RemotePorts.Wanted> wants = wanted.ofNetwork(networkId, region, ports.values());
        Map<String, Routing> rows = new HashMap<>();
        routing.forTops(ResourceKind.REMOTE_PORT, ports.keySet()).stream()
                .filter(row -> row.region().equals(region))
                .forEach(row -> rows.put(row.topId(), row));
        Map<String, RemotePorts.Observed> kept = new HashMap<>();
        int deleted = 0;
        int rebound = 0;
        for (RemotePorts.Observed port : remotePorts.listOwned(region, copy.bottomId(), network, ports)) {
            RemotePorts.Wanted want = wants.get(port.topPortId());
            if (want == null || kept.containsKey(port.topPortId()) || !port.sameAddresses(want)) {
                remotePorts.delete(region, port);
                deleted++;
                continue;
            }
            kept.put(port.topPortId(), port);
            if (!port.sameOrigin(want)) {
                remotePorts.rebind(region, port.bottomId(), port.topPortId(), want.origin());
                rebound++;
            }
            Routing row = rows.get(port.topPortId());
            if (row == null || !port.bottomId().equals(row.bottomId()) || row.state() != RoutingState.ACTIVE) {
                // made by a worker that died before recording it: adopted
                routing.markActive(port.topPortId(), ResourceKind.REMOTE_PORT, region, port.bottomId(), now());
            }
        }
        rows.forEach((portId, row) -> {
            if (!kept.containsKey(portId) && !wants.containsKey(portId) && row.state() != RoutingState.CREATING) {
                routing.remove(portId, ResourceKind.REMOTE_PORT, region);
            }
        });
        List<RemotePorts.Wanted> missing = wants.values().stream().filter(w -> !kept.containsKey(w.topPortId())).toList();
        RemotePorts.Creation creation = remotePorts.create(region, copy.bottomId(), missing, now());
        if (creation.created() + deleted + rebound > 0) {
            LOG.info("remote ports of network {} in {}: {} created, {} moved, {} deleted, {} in place", networkId, region,
                    creation.created(), rebound, deleted, kept.size() - rebound);
        }
        return creation.busy() > 0 ? Result.retryAfter(BUSY_RETRY, creation.busy() + " remote ports are being made by another worker")
                : Result.done();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
