package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.routing.RoutingTable;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Asks the l2 proxy to reconcile remote ports: one port in every site that holds its network
 * ({@link RemotePortReconciler}, keyed {@code <port id>@<region>}) when a copy of the port is bound, unbound, goes up
 * or down or is deleted; a whole network in one site ({@link RemotePortSweep}, keyed {@code <network id>@<region>})
 * when the site gets a copy of the network and on the site's full resyncs. A job already waiting covers later
 * changes, so a burst of changes makes one job per key, not one per change.
 */
public final class RemotePortJobs {
    private final Jdbi jdbi;
    private final RoutingTable routing;
    private final NetworkRepositories top;
    private final JobQueue queue;

    public RemotePortJobs(Jdbi jdbi, RoutingTable routing, NetworkRepositories top, JobQueue queue) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.top = requireNonNull(top, "top is null");
        this.queue = requireNonNull(queue, "queue is null");
    }

    /**
     * Runs a change to a port's copy and, if it changed anything, asks for the port's remote copies to be reconciled
     * in every site that holds its network, in the same transaction (the outbox rule). Returns what the change
     * returned.
     */
    public boolean afterPortChange(String portId, BooleanSupplier change) {
        return jdbi.inTransaction(h -> {
            boolean changed = change.getAsBoolean();
            if (changed) {
                portChanged(portId);
            }
            return changed;
        });
    }

    /**
     * Asks for the port's remote copies to be reconciled in every site that holds a copy of its network, except where
     * the port has its own copy and no remote one: a site never wants a remote copy of a port it holds, so a job
     * there would find nothing to do.
     */
    public void portChanged(String portId) {
        top.ports().find(portId).ifPresent(port -> {
            Set<String> ownCopies = regions(routing.forTop(portId, ResourceKind.PORT));
            Set<String> remoteCopies = regions(routing.forTop(portId, ResourceKind.REMOTE_PORT));
            for (Routing copy : routing.forTop(port.networkId(), ResourceKind.NETWORK)) {
                if (ownCopies.contains(copy.region()) && !remoteCopies.contains(copy.region())) {
                    continue;
                }
                queue.enqueueUnlessPending(JobSpec.inSite(JobType.REMOTE_PORT, portId, copy.region()).inBackground());
            }
        });
    }

    private static Set<String> regions(List<Routing> rows) {
        return rows.stream().map(Routing::region).collect(Collectors.toSet());
    }

    /** Asks for all remote ports of the network in the site: it has just got a copy of the network. */
    public void networkPlaced(String networkId, String region) {
        queue.enqueueUnlessPending(sweep(networkId, region));
    }

    /** Asks for every network the site holds a copy of to be swept there (the periodic resync); returns how many. */
    public int resync(String region) {
        int asked = 0;
        for (Routing copy : routing.inRegion(region, ResourceKind.NETWORK)) {
            if (queue.enqueueUnlessPending(sweep(copy.topId(), region))) {
                asked++;
            }
        }
        return asked;
    }

    private static JobSpec sweep(String networkId, String region) {
        return JobSpec.inSite(JobType.REMOTE_PORT_SWEEP, networkId, region).inBackground();
    }
}
