package io.cascadia.cascade;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.compute.BottomFlavors;
import io.cascadia.cascade.compute.BottomKeypairs;
import io.cascadia.cascade.compute.ServerActions;
import io.cascadia.cascade.compute.ServerBuild;
import io.cascadia.cascade.compute.ServerDeletion;
import io.cascadia.cascade.compute.ServerScheduling;
import io.cascadia.cascade.compute.ServerUpdate;
import io.cascadia.cascade.image.BottomImages;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.JobWorker;
import io.cascadia.cascade.network.BottomNetworks;
import io.cascadia.cascade.network.BottomPorts;
import io.cascadia.cascade.network.RemotePortJobs;
import io.cascadia.cascade.network.RemotePortReconciler;
import io.cascadia.cascade.network.RemotePortSweep;
import io.cascadia.cascade.network.RemotePorts;
import io.cascadia.cascade.network.WantedRemotePorts;
import io.cascadia.cascade.polling.PortStatusSync;
import io.cascadia.cascade.polling.ServerStatusSync;
import io.cascadia.cascade.polling.SitePollers;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.scheduling.Scheduler;
import io.cascadia.cascade.scheduling.SiteCapacities;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.jobs.Jobs;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.network.NetworkSegments;
import io.cascadia.store.network.PortBindings;
import io.cascadia.store.routing.RoutingTable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The proxies of every site, wired: the job handlers (scheduling, the nova proxy's build and delete, the l2 proxy's
 * remote ports), the job worker
 * that runs them, and the pollers that pull status back. Closing stops the pollers, then the worker.
 */
public final class CascadeLayer implements AutoCloseable {
    private final JobWorker worker;
    private final SitePollers pollers;
    private final SiteCapacities capacities;

    private CascadeLayer(JobWorker worker, SitePollers pollers, SiteCapacities capacities) {
        this.worker = worker;
        this.pollers = pollers;
        this.capacities = capacities;
    }

    public static CascadeLayer start(Jdbi jdbi, boolean postgres, SiteRegistry sites, CascadeConfig config, Clock clock,
                                     MeterRegistry meters, FaultPoints faults) {
        requireNonNull(jdbi, "jdbi is null");
        RoutingTable routing = new RoutingTable(jdbi);
        Servers servers = new Servers(jdbi, postgres);
        ServerObservations observations = new ServerObservations(jdbi);
        NetworkRepositories network = NetworkRepositories.of(jdbi);
        PortBindings bindings = new PortBindings(jdbi);
        BottomCopies copies = new BottomCopies(routing, clock, config.claimLease(), faults);
        RemotePorts remotePorts = new RemotePorts(sites, routing, config.claimLease());
        RemotePortJobs remotePortJobs = new RemotePortJobs(jdbi, routing, network, new JobQueue(jdbi, clock));
        WantedRemotePorts wantedRemotePorts = new WantedRemotePorts(network, routing, bindings);
        BottomNetworks bottomNetworks = new BottomNetworks(sites, network, routing, copies, new NetworkSegments(jdbi),
                config.vniRange(), remotePorts, remotePortJobs, clock);
        BottomPorts bottomPorts = new BottomPorts(sites, routing, copies, bindings, remotePorts, remotePortJobs);
        SiteCapacities capacities = new SiteCapacities(sites, clock, config.capacityRefresh());
        Scheduler scheduler = new Scheduler(sites, capacities);

        List<JobHandler> handlers = List.of(
                new ServerScheduling(jdbi, servers, observations, routing, new JobQueue(jdbi, clock), scheduler, clock,
                        config.schedulingMaxWait()),
                new ServerBuild(new ServerBuild.Dependencies(servers, observations, network, new Keypairs(jdbi), new Images(jdbi),
                        sites, copies, bottomNetworks, bottomPorts, new BottomFlavors(sites, copies),
                        new BottomKeypairs(sites, copies), new BottomImages(sites, new Images(jdbi), copies), clock)),
                new ServerDeletion(jdbi, servers, network, routing, sites, bottomPorts, bottomNetworks, clock),
                new ServerActions(jdbi, servers, routing, sites, clock),
                new ServerUpdate(servers, routing, sites),
                new RemotePortReconciler(network, routing, wantedRemotePorts, remotePorts, clock),
                new RemotePortSweep(network, routing, wantedRemotePorts, remotePorts, clock));
        JobWorker worker = new JobWorker(new Jobs(jdbi), handlers, sites::unavailableRegions, config.jobs(), clock, meters, faults);
        SitePollers pollers = new SitePollers(sites,
                new ServerStatusSync(sites, routing, servers, observations, config.poll(), clock),
                new PortStatusSync(sites, routing, bindings, remotePortJobs, config.poll(), clock),
                config.poll(), clock, meters);
        return new CascadeLayer(worker, pollers, capacities);
    }

    public SitePollers pollers() {
        return pollers;
    }

    @Override
    public void close() {
        pollers.close();
        worker.close();
        capacities.close();
    }
}
