package io.cascadia.cascade.polling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.cascade.volume.SiteVolumes;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.core.time.Timestamps;
import io.cascadia.sites.CinderApi;
import io.cascadia.sites.Page;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.Volumes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls volume status from one site to the top (creating → available → in-use, error): a delta poll lists the site's
 * volumes most recently updated first, page by page, and stops at the last change seen (minus an overlap), so its
 * cost follows the changes, not the volumes; status, size and attachment (its server mapped to the top's) are copied
 * to the top volumes they map to, except while a job is in charge of one. A full resync lists everything: it marks
 * volumes whose copy vanished as {@code error}, and hands the volumes it cannot map whose names claim a top volume
 * to the cinder proxy ({@code volume.stray_copy}), to be adopted, deleted or left alone.
 */
public final class VolumeStatusSync {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeStatusSync.class);
    private static final int PAGE = 1000;
    /** The first page of a delta poll: most polls find nothing new, and a small page costs little to list. */
    private static final int FIRST_DELTA_PAGE = 50;

    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final Volumes volumes;
    private final VolumeObservations observations;
    private final JobQueue jobs;
    private final PollConfig config;
    private final Clock clock;
    private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();

    public VolumeStatusSync(SiteRegistry sites, RoutingTable routing, Volumes volumes, VolumeObservations observations,
                            JobQueue jobs, PollConfig config, Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One poll of one site; returns how many changed volumes it found (0 for a site without Cinder). */
    public int poll(String region, boolean full) {
        if (!sites.client(region).endpoints().containsKey("volumev3")) {
            return 0;
        }
        Instant watermark = watermarks.get(region);
        Instant stopBefore = full || watermark == null ? null : watermark.minus(config.overlap());
        CinderApi cinder = sites.client(region).cinder(null);
        Instant listedAt = now();
        List<JsonNode> changed = new ArrayList<>();
        String marker = null;
        boolean older = false;
        do {
            Page page = cinder.volumesByUpdate(marker, stopBefore != null && marker == null ? FIRST_DELTA_PAGE : PAGE, true);
            for (JsonNode volume : page.items()) {
                if (stopBefore != null && updated(volume).isBefore(stopBefore)) {
                    older = true;
                    break;
                }
                changed.add(volume);
            }
            marker = page.nextMarker();
        } while (marker != null && !older);

        Map<String, String> topIds = routing.topIdsOf(region, ResourceKind.VOLUME, changed.stream().map(v -> v.path("id").asText()).toList());
        Map<String, String> topServers = routing.topIdsOf(region, ResourceKind.SERVER,
                changed.stream().flatMap(v -> SiteVolumes.attachedServers(v).stream()).distinct().toList());
        Instant newest = watermark;
        for (JsonNode bottom : changed) {
            Instant updated = updated(bottom);
            if (newest == null || updated.isAfter(newest)) {
                newest = updated;
            }
            String topId = topIds.get(bottom.path("id").asText());
            if (topId != null) {
                observations.apply(topId, SiteVolumes.observed(bottom, topServers), now());
            } else {
                strayOnFullResync(region, bottom, full);
            }
        }
        if (full) {
            findVanished(region, changed, listedAt);
        }
        if (newest != null) {
            watermarks.put(region, newest);
        }
        return changed.size();
    }

    /** Forgets what was seen of a site, so its next poll is a full one. */
    public void reset(String region) {
        watermarks.remove(region);
    }

    /**
     * A site volume the routing table does not map. When a full resync finds one whose name claims a top volume, the
     * cinder proxy settles it ({@code volume.stray_copy}: adopt, delete or leave alone, under the ownership rule); a name
     * that claims nothing is foreign. Delta polls leave it: a build at work makes such a volume, then records it.
     */
    private void strayOnFullResync(String region, JsonNode bottom, boolean full) {
        if (full && Ownership.claimedTopId(SiteResources.volume(bottom)).isPresent()) {
            jobs.enqueueUnlessPending(JobSpec.inSite(JobType.VOLUME_STRAY_COPY, bottom.path("id").asText(), region).inBackground());
        }
    }

    /**
     * Copies the routing table said were active before the site was listed in full, which the listing does not have
     * (a copy made while the site was being listed is not missing).
     */
    private void findVanished(String region, List<JsonNode> listed, Instant listedAt) {
        Set<String> present = new HashSet<>();
        listed.forEach(v -> present.add(v.path("id").asText()));
        for (Routing row : routing.inRegion(region, ResourceKind.VOLUME)) {
            if (row.state() == RoutingState.ACTIVE && row.bottomId() != null && row.updatedAt().isBefore(listedAt)
                    && !present.contains(row.bottomId())
                    && observations.setStatus(row.topId(), null, "error", now())) {
                LOG.warn("volume {} is missing in site {}", row.topId(), region);
            }
        }
    }

    /** When Cinder last changed the volume; a volume never updated was last changed when it was made. */
    private static Instant updated(JsonNode volume) {
        return Timestamps.parse(volume.path("updated_at").asText())
                .or(() -> Timestamps.parse(volume.path("created_at").asText()))
                .orElse(Instant.EPOCH);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
