package io.cascadia.cascade.volume;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.volume.ObservedVolume;
import io.cascadia.core.volume.Volume;
import io.cascadia.sites.CinderApi;
import io.cascadia.sites.SiteException;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.Volumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code volume.update}: makes the site's copy of a volume match the top's name, description, metadata and size. A
 * rename is one call; an extend ({@code os-extend}) is asked once the copy is available and the volume stays {@code extending}
 * at the top until the site shows the new size; a site that refuses it puts the volume in {@code error_extending}, as
 * Cinder does.
 */
public final class VolumeUpdate implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeUpdate.class);
    private static final Duration IN_PROGRESS = Duration.ofMillis(250);

    private final Volumes volumes;
    private final VolumeObservations observations;
    private final RoutingTable routing;
    private final SiteRegistry sites;
    private final Clock clock;

    public VolumeUpdate(Volumes volumes, VolumeObservations observations, RoutingTable routing, SiteRegistry sites, Clock clock) {
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.VOLUME_UPDATE;
    }

    @Override
    public Result run(Job job) {
        Volume volume = volumes.find(job.resourceId()).orElse(null);
        if (volume == null || volume.status().equals("deleting")) {
            return Result.done();
        }
        for (Routing copy : routing.forTop(volume.id(), ResourceKind.VOLUME)) {
            if (copy.bottomId() == null) {
                continue;
            }
            CinderApi cinder = sites.client(copy.region()).cinder(volume.projectId());
            JsonNode bottom = cinder.volume(copy.bottomId()).orElse(null);
            if (bottom == null) {
                continue;
            }
            String name = BottomNames.of(volume.name(), volume.id());
            Map<String, String> metadata = new HashMap<>(volume.metadata());
            metadata.put(BottomNames.TOP_ID_KEY, volume.id());
            Map<String, String> present = new HashMap<>();
            bottom.path("metadata").properties().forEach(entry -> present.put(entry.getKey(), entry.getValue().asText()));
            if (!bottom.path("name").asText().equals(name)
                    || !Objects.equals(bottom.path("description").textValue(), volume.description())
                    || !present.equals(metadata)) {
                ObjectNode update = Json.object().put("name", name).put("description", volume.description());
                update.set("metadata", Json.mapper().valueToTree(metadata));
                cinder.updateVolume(copy.bottomId(), update);
            }
            int size = bottom.path("size").asInt();
            String status = bottom.path("status").asText();
            if (size < volume.sizeGb()) {
                if (status.equals("extending")) {
                    return Result.retryAfter(IN_PROGRESS, "volume " + volume.id() + " is being extended in " + copy.region());
                }
                try {
                    cinder.extend(copy.bottomId(), volume.sizeGb());
                } catch (SiteException.Rejected rejected) {
                    if (rejected.isTransient()) {
                        throw rejected;
                    }
                    LOG.warn("site {} refused to extend volume {}: {}", copy.region(), volume.id(), rejected.faultMessage());
                    observations.settle(volume.id(), "extending", new ObservedVolume("error_extending", size, null), now());
                    return Result.done();
                }
                return Result.retryAfter(IN_PROGRESS, "volume " + volume.id() + " asked to grow in " + copy.region());
            }
            if (volume.status().equals("extending") && !status.equals("extending")) {
                // Only available volumes are extended: there is no attachment to keep.
                observations.settle(volume.id(), "extending", new ObservedVolume(status, size, null), now());
            }
        }
        return Result.done();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
