package io.cascadia.cascade.volume;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.image.BottomImages;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.routing.CopyInProgress;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.volume.Volume;
import io.cascadia.core.volume.VolumeType;
import io.cascadia.sites.CinderApi;
import io.cascadia.sites.SiteException;
import io.cascadia.store.image.Images;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.VolumeTypes;
import io.cascadia.store.volume.Volumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code volume.build}, the cinder proxy of one site: the volume's type (a copy, or the site's default for
 * {@code __DEFAULT__}) and image (a copy) in the site, then the volume itself (a clone of its source's copy there, for a
 * clone) ({@code name@<top id>}, metadata
 * {@code cascadia_top_id}, the site's zone), recorded in the routing table; a copy a crashed run made is adopted.
 * Its status then comes back through the pollers. A site that refuses the volume (4xx) puts it in {@code error}.
 */
public final class VolumeBuild implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeBuild.class);
    private static final Duration BUSY_RETRY = Duration.ofMillis(200);

    private final Volumes volumes;
    private final VolumeTypes types;
    private final Images images;
    private final VolumeObservations observations;
    private final SiteRegistry sites;
    private final BottomCopies copies;
    private final BottomVolumeTypes bottomTypes;
    private final BottomImages bottomImages;
    private final RoutingTable routing;
    private final Clock clock;

    public VolumeBuild(Volumes volumes, VolumeTypes types, Images images, VolumeObservations observations, SiteRegistry sites,
                       BottomCopies copies, BottomVolumeTypes bottomTypes, BottomImages bottomImages, RoutingTable routing,
                       Clock clock) {
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.types = requireNonNull(types, "types is null");
        this.images = requireNonNull(images, "images is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.sites = requireNonNull(sites, "sites is null");
        this.copies = requireNonNull(copies, "copies is null");
        this.bottomTypes = requireNonNull(bottomTypes, "bottomTypes is null");
        this.bottomImages = requireNonNull(bottomImages, "bottomImages is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.VOLUME_BUILD;
    }

    @Override
    public Result run(Job job) {
        Volume volume = volumes.find(job.resourceId()).orElse(null);
        if (volume == null || !"creating".equals(volume.status())) {
            return Result.done();
        }
        try {
            build(volume, job.region(), job.updatedAt());
            return Result.done();
        } catch (CopyInProgress busy) {
            return Result.retryAfter(BUSY_RETRY, busy.getMessage());
        } catch (SiteException.Rejected rejected) {
            if (rejected.isTransient()) {
                throw rejected;
            }
            LOG.warn("site {} refused volume {}: {}", job.region(), volume.id(), rejected.faultMessage());
            observations.setStatus(volume.id(), "creating", "error", now());
            return Result.done();
        }
    }

    private void build(Volume volume, String region, Instant claimedAt) {
        VolumeType type = types.findByName(volume.volumeTypeName())
                .orElseThrow(() -> new IllegalStateException("volume type " + volume.volumeTypeName() + " of volume " + volume.id() + " is gone"));
        String bottomType = bottomTypes.ensure(type, region);
        String image = volume.imageId() == null ? null : images.find(volume.imageId())
                .map(i -> bottomImages.ensure(i, region, volume.projectId()))
                .orElseThrow(() -> new IllegalStateException("image " + volume.imageId() + " of volume " + volume.id() + " is gone"));
        String source = volume.sourceVolumeId() == null ? null : routing.find(volume.sourceVolumeId(), ResourceKind.VOLUME, region)
                .map(Routing::bottomId)
                .orElseThrow(() -> new IllegalStateException("source volume " + volume.sourceVolumeId() + " of volume "
                        + volume.id() + " has no copy in " + region));
        CinderApi cinder = sites.client(region).cinder(volume.projectId());
        String name = BottomNames.of(volume.name(), volume.id());
        copies.ensureOwned(volume.id(), ResourceKind.VOLUME, region, new BottomCopies.Recipe(
                id -> cinder.volume(id).isPresent(),
                () -> SiteVolumes.copyOf(cinder.volumesNamed(name), volume).map(v -> v.path("id").asText()),
                () -> cinder.createVolume(body(volume, name, bottomType, image, source, siteZone(volume, region))).path("id").asText()),
                claimedAt);
    }

    private String siteZone(Volume volume, String region) {
        return sites.list().stream()
                .filter(site -> site.region().equals(region))
                .flatMap(site -> site.zones().stream())
                .filter(zone -> volume.availabilityZone() == null || zone.topName().equals(volume.availabilityZone()))
                .map(AvailabilityZone::siteName)
                .findFirst()
                .orElse(null);
    }

    private static ObjectNode body(Volume volume, String name, String type, String image, String source, String zone) {
        ObjectNode body = Json.object().put("name", name).put("size", volume.sizeGb());
        if (volume.description() != null) {
            body.put("description", volume.description());
        }
        if (type != null) {
            body.put("volume_type", type);
        }
        if (image != null) {
            body.put("imageRef", image);
        }
        if (source != null) {
            body.put("source_volid", source);
        }
        if (zone != null) {
            body.put("availability_zone", zone);
        }
        ObjectNode metadata = body.putObject("metadata");
        volume.metadata().forEach(metadata::put);
        metadata.put(BottomNames.TOP_ID_KEY, volume.id());
        return body;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
