package io.cascadia.cascade.volume;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.volume.Volume;
import io.cascadia.sites.CinderApi;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.Volumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code volume.delete}: deletes the volume's copy in its site (found by name when a crash left its bottom id
 * unrecorded), waits until the site no longer has it, then forgets the volume at the top. A copy the site will not
 * delete (attached there) puts the volume in {@code error_deleting}, as Cinder does. A site that does not answer keeps
 * the job waiting: nothing is forgotten because a site is unreachable.
 */
public final class VolumeDeletion implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeDeletion.class);
    private static final Duration STILL_THERE = Duration.ofMillis(250);

    private final Volumes volumes;
    private final VolumeObservations observations;
    private final RoutingTable routing;
    private final SiteRegistry sites;
    private final Clock clock;

    public VolumeDeletion(Volumes volumes, VolumeObservations observations, RoutingTable routing, SiteRegistry sites, Clock clock) {
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.VOLUME_DELETE;
    }

    @Override
    public Result run(Job job) {
        Volume volume = volumes.find(job.resourceId()).orElse(null);
        if (volume == null || !"deleting".equals(volume.status())) {
            return Result.done();
        }
        for (Routing copy : routing.forTop(volume.id(), ResourceKind.VOLUME)) {
            routing.markDeleting(volume.id(), ResourceKind.VOLUME, copy.region(), now());
            CinderApi cinder = sites.client(copy.region()).cinder(volume.projectId());
            Optional<JsonNode> bottom = copy.bottomId() != null ? cinder.volume(copy.bottomId())
                    : SiteVolumes.copyOf(cinder.volumesNamed(BottomNames.of(volume.name(), volume.id())), volume);
            if (bottom.isPresent()) {
                String status = bottom.get().path("status").asText();
                if (!status.equals("deleting")) {
                    if (!SiteVolumes.DELETABLE.contains(status)) {
                        LOG.warn("site {} will not delete volume {} in status {}", copy.region(), volume.id(), status);
                        observations.setStatus(volume.id(), "deleting", "error_deleting", now());
                        return Result.done();
                    }
                    cinder.deleteVolume(bottom.get().path("id").asText());
                }
                if (cinder.volume(bottom.get().path("id").asText()).isPresent()) {
                    return Result.retryAfter(STILL_THERE, "volume " + volume.id() + " is being deleted in " + copy.region());
                }
            }
            routing.remove(volume.id(), ResourceKind.VOLUME, copy.region());
        }
        volumes.delete(volume.id());
        LOG.info("volume {} deleted", volume.id());
        return Result.done();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
