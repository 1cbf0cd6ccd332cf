package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.scheduling.Placement;
import io.cascadia.cascade.scheduling.Scheduler;
import io.cascadia.core.compute.ObservedServer;
import io.cascadia.core.compute.Server;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeAttachments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.create}: places a new server (one booted from a volume in the volume's site). The choice is recorded as the server's routing row, together with its
 * zone and the {@code server.build} job for the chosen site, in one transaction; a server already placed is left
 * alone. No valid site puts the server in ERROR with Nova's fault; a zone whose sites are all down makes the job
 * wait, for {@code maxWait} at most.
 */
public final class ServerScheduling implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerScheduling.class);
    static final String NO_VALID_HOST = "No valid host was found. ";

    private final Jdbi jdbi;
    private final Servers servers;
    private final ServerObservations observations;
    private final RoutingTable routing;
    private final JobQueue queue;
    private final Scheduler scheduler;
    private final VolumeAttachments attachments;
    private final Clock clock;
    private final Duration maxWait;

    public ServerScheduling(Jdbi jdbi, Servers servers, ServerObservations observations, RoutingTable routing, JobQueue queue,
                            Scheduler scheduler, VolumeAttachments attachments, Clock clock, Duration maxWait) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.attachments = requireNonNull(attachments, "attachments is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
    }

    @Override
    public JobType type() {
        return JobType.SERVER_PLACEMENT;
    }

    @Override
    public Result run(Job job) {
        Server server = servers.find(job.resourceId()).orElse(null);
        if (server == null || "deleting".equals(server.taskState()) || !"BUILD".equals(server.status())
                || !routing.forTop(server.id(), ResourceKind.SERVER).isEmpty()) {
            return Result.done();
        }
        Instant now = now();
        Placement placement = rootVolumeSite(server).map(region -> scheduler.placeIn(server, region))
                .orElseGet(() -> scheduler.place(server));
        return switch (placement) {
            case Placement.Placed placed -> {
                String region = placed.zone().region();
                jdbi.useTransaction(h -> {
                    if (observations.lockUnplaced(server.id())) {
                        routing.beginCreate(server.id(), ResourceKind.SERVER, region, now);
                        observations.placed(server.id(), placed.zone().topName(), now);
                        queue.enqueue(JobSpec.of(JobType.SERVER_BUILD, server.id(), region));
                    }
                });
                yield Result.done();
            }
            case Placement.Wait wait -> {
                if (server.createdAt().plus(maxWait).isBefore(now)) {
                    fail(server, "Waited " + maxWait.toMinutes() + " min: " + wait.reason() + ".");
                    yield Result.done();
                }
                yield Result.retryAfter(Duration.ofSeconds(2), wait.reason());
            }
            case Placement.NoValidHost none -> {
                fail(server, none.reason());
                yield Result.done();
            }
        };
    }

    /** The site of the volume the server boots from, if it boots from one. */
    private Optional<String> rootVolumeSite(Server server) {
        if (server.imageId() != null) {
            return Optional.empty();
        }
        return attachments.forServers(List.of(server.id())).getOrDefault(server.id(), List.of()).stream()
                .filter(VolumeAttachment::isRoot)
                .flatMap(root -> routing.forTop(root.volumeId(), ResourceKind.VOLUME).stream())
                .map(Routing::region)
                .findFirst();
    }

    private void fail(Server server, String reason) {
        LOG.info("server {} cannot be placed: {}", server.id(), reason);
        observations.fail(server.id(), new ObservedServer.Fault(500, NO_VALID_HOST + reason, null, now()), now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
