package io.cascadia.cascade.volume;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.scheduling.Placement;
import io.cascadia.cascade.scheduling.VolumeScheduler;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.volume.Volume;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.Volumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code volume.create}: places a new volume. The choice is recorded as the volume's routing row, with its zone and
 * the {@code volume.build} job for the chosen site, in one transaction; a volume already placed is left alone. No
 * site for its zone puts it in {@code error}, as Cinder's scheduler does; a zone whose sites are all down makes the
 * job wait, for {@code maxWait} at most.
 */
public final class VolumeScheduling implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeScheduling.class);

    private final Jdbi jdbi;
    private final Volumes volumes;
    private final VolumeObservations observations;
    private final RoutingTable routing;
    private final JobQueue queue;
    private final VolumeScheduler scheduler;
    private final Clock clock;
    private final Duration maxWait;

    public VolumeScheduling(Jdbi jdbi, Volumes volumes, VolumeObservations observations, RoutingTable routing, JobQueue queue,
                            VolumeScheduler scheduler, Clock clock, Duration maxWait) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
    }

    @Override
    public JobType type() {
        return JobType.VOLUME_PLACEMENT;
    }

    @Override
    public Result run(Job job) {
        Volume volume = volumes.find(job.resourceId()).orElse(null);
        if (volume == null || !"creating".equals(volume.status()) || !routing.forTop(volume.id(), ResourceKind.VOLUME).isEmpty()) {
            return Result.done();
        }
        Instant now = now();
        return switch (scheduler.place(volume)) {
            case Placement.Placed placed -> {
                String region = placed.zone().region();
                jdbi.useTransaction(h -> {
                    if (observations.lockStatus(volume.id()).filter("creating"::equals).isPresent()
                            && routing.forTop(volume.id(), ResourceKind.VOLUME).isEmpty()) {
                        routing.beginCreate(volume.id(), ResourceKind.VOLUME, region, now);
                        observations.placed(volume.id(), placed.zone().topName(), now);
                        queue.enqueue(JobSpec.of(JobType.VOLUME_BUILD, volume.id(), region));
                    }
                });
                yield Result.done();
            }
            case Placement.Wait wait -> {
                if (volume.createdAt().plus(maxWait).isBefore(now)) {
                    fail(volume, "waited " + maxWait.toMinutes() + " min: " + wait.reason());
                    yield Result.done();
                }
                yield Result.retryAfter(Duration.ofSeconds(2), wait.reason());
            }
            case Placement.NoValidHost none -> {
                fail(volume, none.reason());
                yield Result.done();
            }
        };
    }

    private void fail(Volume volume, String reason) {
        LOG.info("volume {} cannot be placed: {}", volume.id(), reason);
        observations.setStatus(volume.id(), "creating", "error", now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
