package io.cascadia.cascade;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.compute.BottomFlavors;
import io.cascadia.cascade.compute.BottomKeypairs;
import io.cascadia.cascade.compute.FlavorSync;
import io.cascadia.cascade.compute.KeypairCopyRelease;
import io.cascadia.cascade.compute.ServerActions;
import io.cascadia.cascade.compute.ServerBuild;
import io.cascadia.cascade.compute.ServerDeletion;
import io.cascadia.cascade.compute.ServerLeftovers;
import io.cascadia.cascade.compute.ServerScheduling;
import io.cascadia.cascade.compute.ServerUpdate;
import io.cascadia.cascade.compute.StrayServerCopy;
import io.cascadia.cascade.image.BottomImages;
import io.cascadia.cascade.image.ImageCopyRelease;
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
import io.cascadia.cascade.polling.VolumeStatusSync;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.scheduling.Scheduler;
import io.cascadia.cascade.scheduling.SiteCapacities;
import io.cascadia.cascade.scheduling.VolumeScheduler;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.cascade.volume.BottomVolumeTypes;
import io.cascadia.cascade.volume.StrayVolumeCopy;
import io.cascadia.cascade.volume.VolumeAttachmentReconciler;
import io.cascadia.cascade.volume.VolumeBuild;
import io.cascadia.cascade.volume.VolumeDeletion;
import io.cascadia.cascade.volume.VolumeScheduling;
import io.cascadia.cascade.volume.VolumeTypeCopyRelease;
import io.cascadia.cascade.volume.VolumeUpdate;
import io.cascadia.core.jobs.JobType;
import io.cascadia.store.compute.Flavors;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.image.ImageUsage;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.jobs.Jobs;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.network.NetworkSegments;
import io.cascadia.store.network.PortBindings;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeAttachments;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.VolumeTypes;
import io.cascadia.store.volume.Volumes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The proxies of every site, wired: the job handlers (scheduling; the nova proxy's build and delete and the copies of
 * flavors, keypairs and images; the cinder proxy's volumes and attachments; the l2 proxy's remote ports), the job
 * worker that runs them, and the pollers that pull status back. Closing stops the pollers, then the worker.
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
                config.vniRange(), remotePorts, remotePortJobs, clock, faults);
        BottomPorts bottomPorts = new BottomPorts(sites, routing, copies, bindings, remotePorts, remotePortJobs, bottomNetworks);
        SiteCapacities capacities = new SiteCapacities(sites, clock, config.capacityRefresh());
        Scheduler scheduler = new Scheduler(sites, capacities);
        JobQueue queue = new JobQueue(jdbi, clock);
        Images images = new Images(jdbi);
        Flavors flavors = new Flavors(jdbi);
        Keypairs keypairs = new Keypairs(jdbi);
        Volumes volumes = new Volumes(jdbi);
        VolumeAttachments attachments = new VolumeAttachments(jdbi);
        VolumeObservations volumeObservations = new VolumeObservations(jdbi);
        VolumeTypes volumeTypes = new VolumeTypes(jdbi);
        BottomImages bottomImages = new BottomImages(sites, images, copies);
        BottomFlavors bottomFlavors = new BottomFlavors(sites, flavors, copies);

        List<JobHandler> handlers = everyTypeHandled(List.of(
                new ServerScheduling(jdbi, servers, observations, routing, queue, scheduler, attachments, clock,
                        config.schedulingMaxWait()),
                new ServerBuild(new ServerBuild.Dependencies(servers, observations, network, keypairs, images, attachments,
                        routing, sites, copies, bottomNetworks, bottomPorts, bottomFlavors, new BottomKeypairs(sites, copies),
                        bottomImages, clock)),
                new ServerDeletion(jdbi, servers, network, routing, sites, bottomPorts, bottomNetworks,
                        new ServerLeftovers(attachments, volumeObservations, images, flavors, queue), clock),
                new FlavorSync(flavors, bottomFlavors, routing, sites),
                new KeypairCopyRelease(keypairs, routing, sites),
                new ImageCopyRelease(images, new ImageUsage(jdbi), routing, sites),
                new VolumeScheduling(jdbi, volumes, volumeObservations, routing, queue,
                        new VolumeScheduler(sites, routing), clock, config.schedulingMaxWait()),
                new VolumeBuild(volumes, volumeTypes, images, volumeObservations, sites, copies,
                        new BottomVolumeTypes(sites, copies), bottomImages, routing, clock),
                new VolumeUpdate(volumes, volumeObservations, routing, sites, clock),
                new VolumeAttachmentReconciler(volumes, attachments, volumeObservations, servers, routing, sites, clock),
                new VolumeDeletion(volumes, volumeObservations, routing, sites, clock),
                new VolumeTypeCopyRelease(volumeTypes, routing, sites),
                new ServerActions(servers, routing, sites, clock),
                new StrayServerCopy(sites, routing, servers, observations, config.poll().orphanGrace(), clock),
                new StrayVolumeCopy(sites, routing, volumes, volumeObservations, config.poll().orphanGrace(), clock),
                new ServerUpdate(servers, routing, sites),
                new RemotePortReconciler(network, routing, wantedRemotePorts, remotePorts, clock),
                new RemotePortSweep(network, routing, wantedRemotePorts, remotePorts, clock)));
        JobWorker worker = new JobWorker(new Jobs(jdbi), handlers, sites::unavailableRegions, config.jobs(), clock, meters, faults);
        SitePollers pollers = new SitePollers(sites,
                new ServerStatusSync(sites, routing, servers, observations, queue, config.poll(), clock),
                new PortStatusSync(sites, routing, bindings, remotePortJobs, clock),
                new VolumeStatusSync(sites, routing, volumes, volumeObservations, queue, config.poll(), clock),
                config.poll(), clock, meters);
        return new CascadeLayer(worker, pollers, capacities);
    }

    /** The handlers, once each job type has one: a type without would fail all its jobs, but only at run time. */
    private static List<JobHandler> everyTypeHandled(List<JobHandler> handlers) {
        Set<JobType> missing = EnumSet.allOf(JobType.class);
        handlers.forEach(handler -> missing.remove(handler.type()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no handler for job types " + missing);
        }
        return handlers;
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
