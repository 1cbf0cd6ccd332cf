package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.routing.Routing;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.routing.RoutingTable;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Asks for the remote ports of a network to be reconciled ({@link RemotePortReconciler}), one job per network and
 * site, keyed {@code <network id>@<region>}: when a copy of one of its ports is bound, unbound, goes up or down or
 * is deleted, and for every network copy of a site on each full resync of that site. A job already waiting covers
 * later changes, so a burst of changes makes one job per site, not one per change.
 */
public final class RemotePortJobs {
    public static final String TYPE = "l2.remote_ports";

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
     * Runs a change to a port's copy and, if it changed anything, asks for the port's network to be reconciled in
     * every site that holds it, in the same transaction (the outbox rule). Returns what the change returned.
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

    /** Asks for the network of the port to be reconciled in every site that holds a copy of it. */
    public void portChanged(String portId) {
        top.ports().find(portId).ifPresent(port -> networkChanged(port.networkId()));
    }

    /** Asks for the network to be reconciled in every site that holds a copy of it. */
    public void networkChanged(String networkId) {
        for (Routing copy : routing.forTop(networkId, BottomNetworks.NETWORK)) {
            queue.enqueueUnlessPending(spec(networkId, copy.region()));
        }
    }

    /** Asks for every network the site holds a copy of to be reconciled there (the periodic resync). */
    public int resync(String region) {
        int asked = 0;
        for (Routing copy : routing.inRegion(region, BottomNetworks.NETWORK)) {
            if (queue.enqueueUnlessPending(spec(copy.topId(), region))) {
                asked++;
            }
        }
        return asked;
    }

    static JobSpec spec(String networkId, String region) {
        return JobSpec.of(TYPE, BottomNetworks.NETWORK, networkId + "@" + region, region);
    }

    /** The network a job of this type is about. */
    static String networkIdOf(Job job) {
        String key = job.resourceId();
        int at = key.indexOf('@');
        return at < 0 ? key : key.substring(0, at);
    }
}
