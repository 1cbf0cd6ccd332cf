package io.cascadia.cascade.volume;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.core.time.Timestamps;
import io.cascadia.core.volume.Volume;
import io.cascadia.sites.SiteResources;
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
 * {@code volume.stray_copy}: a volume in a site whose name claims a top volume but that no routing row maps, as the
 * pollers found it (keyed {@code <bottom id>@<region>}). It is read again from the site, and only a proven copy of a
 * live top volume ({@link Ownership}: name, mark and the volume's project) is acted on: one created just before a
 * crash is adopted (its routing row is still {@code creating}); a second copy is deleted once older than the orphan
 * grace, when Cinder would delete it. A volume whose top volume is gone cannot be proven Cascadia's (volumes keep no
 * tombstone) and is left alone: {@code volume.delete} removes copies, recorded or found by name, before it forgets
 * the top volume.
 */
public final class StrayVolumeCopy implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StrayVolumeCopy.class);

    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final Volumes volumes;
    private final VolumeObservations observations;
    private final Duration orphanGrace;
    private final Clock clock;

    /** @param orphanGrace how old a second copy must be before it is deleted ({@code poll.orphan-grace}) */
    public StrayVolumeCopy(SiteRegistry sites, RoutingTable routing, Volumes volumes, VolumeObservations observations,
                           Duration orphanGrace, Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.orphanGrace = requireNonNull(orphanGrace, "orphanGrace is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.VOLUME_STRAY_COPY;
    }

    @Override
    public Result run(Job job) {
        String region = job.region();
        Optional<JsonNode> bottom = sites.client(region).cinder(null).volume(job.idInSite());
        if (bottom.isEmpty()) {
            return Result.done();
        }
        Ownership.SiteResource resource = SiteResources.volume(bottom.get());
        Optional<Volume> volume = Ownership.claimedTopId(resource).flatMap(volumes::find)
                .filter(top -> Ownership.isCopyOf(resource, top.id(), top.projectId()));
        if (volume.isEmpty()) {
            return Result.done();
        }
        String topId = volume.get().id();
        String bottomId = resource.id();
        Optional<Routing> row = routing.find(topId, ResourceKind.VOLUME, region);
        if (row.isPresent() && row.get().state() == RoutingState.CREATING) {
            routing.markActive(topId, ResourceKind.VOLUME, region, bottomId, now());
            LOG.info("adopted volume {} in site {} as {} ({})", topId, region, bottomId, Ownership.proof(resource));
            observations.apply(topId, SiteVolumes.observed(bottom.get(), routing.topIdsOf(region, ResourceKind.SERVER,
                    SiteVolumes.attachedServers(bottom.get()))), now());
            return Result.done();
        }
        boolean duplicate = row.isPresent() && row.get().bottomId() != null && !row.get().bottomId().equals(bottomId);
        if (!duplicate || !SiteVolumes.DELETABLE.contains(bottom.get().path("status").asText())) {
            return Result.done();
        }
        Instant deletable = Timestamps.parse(bottom.get().path("created_at").asText()).orElse(now()).plus(orphanGrace);
        if (deletable.isAfter(now())) {
            return Result.retryAfter(Duration.between(now(), deletable), "volume " + bottomId + " in " + region + " is too young to delete");
        }
        LOG.warn("deleting volume {} in site {}: a second copy of {}; proven Cascadia's by {}", bottomId, region, topId,
                Ownership.proof(resource));
        sites.client(region).cinder(null).deleteVolume(bottomId);
        return Result.done();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
