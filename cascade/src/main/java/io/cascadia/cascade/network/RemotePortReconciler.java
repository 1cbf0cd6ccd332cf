package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code l2.remote_port}, the l2 proxy of one port in one site (DESIGN §4): makes the site's remote copy of the port
 * what the top says, after the port's copy somewhere went up or down, was bound elsewhere, or was deleted. Reads the
 * wanted state from the top ({@link WantedRemotePorts}) and the remote copy from the site (by the bottom id the
 * routing table has), then creates it, re-points it at the port's new host, or deletes it. Costs the same for a
 * network of ten ports as of ten thousand; whole networks are swept by {@link RemotePortSweep}.
 */
public final class RemotePortReconciler implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RemotePortReconciler.class);
    private static final Duration BUSY_RETRY = Duration.ofMillis(200);

    private final NetworkRepositories top;
    private final RoutingTable routing;
    private final WantedRemotePorts wanted;
    private final RemotePorts remotePorts;
    private final Clock clock;

    public RemotePortReconciler(NetworkRepositories top, RoutingTable routing, WantedRemotePorts wanted,
                                RemotePorts remotePorts, Clock clock) {
        this.top = requireNonNull(top, "top is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.wanted = requireNonNull(wanted, "wanted is null");
        this.remotePorts = requireNonNull(remotePorts, "remotePorts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.REMOTE_PORT;
    }

    @Override
    public Result run(Job job) {
        String region = job.region();
        String portId = job.idInSite();
        Optional<Port> port = top.ports().find(portId);
        Optional<Routing> network = port.flatMap(p -> routing.find(p.networkId(), ResourceKind.NETWORK, region))
                .filter(copy -> copy.state() == RoutingState.ACTIVE && copy.bottomId() != null);
        Optional<RemotePorts.Wanted> want = network.flatMap(copy -> wanted.ofPort(port.get(), region));
        Optional<Routing> row = routing.find(portId, ResourceKind.REMOTE_PORT, region);
        Optional<RemotePorts.Observed> actual = row.filter(r -> r.bottomId() != null)
                .flatMap(r -> remotePorts.find(region, r.bottomId()));
        if (want.isEmpty()) {
            if (row.isPresent() && row.get().bottomId() == null && !remotePorts.claimExpired(row.get(), now())) {
                return Result.retryAfter(BUSY_RETRY, "the remote port of " + portId + " is being made");
            }
            actual.ifPresent(found -> {
                remotePorts.delete(region, found);
                LOG.info("remote port of {} deleted in {}", portId, region);
            });
            row.ifPresent(r -> routing.remove(portId, ResourceKind.REMOTE_PORT, region));
            return Result.done();
        }
        RemotePorts.Wanted w = want.get();
        if (actual.isPresent() && !actual.get().sameAddresses(w)) {
            remotePorts.delete(region, actual.get());
            actual = Optional.empty();
        }
        if (actual.isPresent()) {
            if (!actual.get().sameOrigin(w)) {
                remotePorts.rebind(region, actual.get().bottomId(), portId, w.origin());
                LOG.info("remote port of {} in {} now points at {} ({})", portId, region, w.origin().host(), w.origin().vtep());
            }
            return Result.done();
        }
        String bottomNetwork = network.get().bottomId();
        Optional<RemotePorts.Observed> orphan = row.filter(r -> r.bottomId() == null)
                .flatMap(r -> remotePorts.list(region, bottomNetwork).stream().filter(o -> o.isCopyOf(portId, w.projectId())).findFirst());
        if (orphan.isPresent() && orphan.get().sameAddresses(w)) {
            // made by a worker that died before recording it: adopted
            routing.markActive(portId, ResourceKind.REMOTE_PORT, region, orphan.get().bottomId(), now());
            if (!orphan.get().sameOrigin(w)) {
                remotePorts.rebind(region, orphan.get().bottomId(), portId, w.origin());
            }
            return Result.done();
        }
        RemotePorts.Creation creation = remotePorts.create(region, bottomNetwork, List.of(w), now());
        if (creation.created() > 0) {
            LOG.info("remote port of {} created in {}, bound to {} ({})", portId, region, w.origin().host(), w.origin().vtep());
        }
        return creation.busy() > 0 ? Result.retryAfter(BUSY_RETRY, "the remote port of " + portId + " is being made")
                : Result.done();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
