package io.cascadia.cascade.volume;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Server;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.volume.ObservedVolume;
import io.cascadia.core.volume.Volume;
import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.sites.NovaApi;
import io.cascadia.sites.SiteException;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeAttachments;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.Volumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code volume.attachment}: makes the site's Nova attach or detach a volume as its top attachment asks
 * ({@code attaching}, {@code detaching}), one step per run: ask the site once, wait while it works, then settle the
 * top (in-use and attached, or available) from what the site shows. A site found back where it was after being asked
 * has refused; the top then shows what the site has. The root volume of a server booted from it is attached by the
 * site's Nova while it builds the server: this only waits for that and records it; one deleted with its server
 * ({@code delete_on_termination}) is forgotten at the top.
 */
public final class VolumeAttachmentReconciler implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeAttachmentReconciler.class);
    private static final Duration IN_PROGRESS = Duration.ofMillis(250);
    private static final Duration SERVER_NOT_READY = Duration.ofSeconds(1);
    private static final Set<String> ATTACH_IN_PROGRESS = Set.of("reserved", "attaching");

    private final Volumes volumes;
    private final VolumeAttachments attachments;
    private final VolumeObservations observations;
    private final Servers servers;
    private final RoutingTable routing;
    private final SiteRegistry sites;
    private final Clock clock;

    public VolumeAttachmentReconciler(Volumes volumes, VolumeAttachments attachments, VolumeObservations observations,
                                      Servers servers, RoutingTable routing, SiteRegistry sites, Clock clock) {
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.attachments = requireNonNull(attachments, "attachments is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.VOLUME_ATTACHMENT;
    }

    @Override
    public Result run(Job job) {
        Volume volume = volumes.find(job.resourceId()).orElse(null);
        VolumeAttachment wanted = attachments.find(job.resourceId()).orElse(null);
        if (volume == null || wanted == null || wanted.state() == VolumeAttachment.State.ATTACHED) {
            return Result.done();
        }
        String from = wanted.state() == VolumeAttachment.State.ATTACHING ? "attaching" : "detaching";
        Routing copy = routing.forTop(volume.id(), ResourceKind.VOLUME).stream()
                .filter(r -> r.bottomId() != null).findFirst().orElse(null);
        if (copy == null) {
            return Result.retryAfter(SERVER_NOT_READY, "volume " + volume.id() + " has no copy in a site yet");
        }
        String region = copy.region();
        JsonNode bottom = sites.client(region).cinder(volume.projectId()).volume(copy.bottomId()).orElse(null);
        if (bottom == null && wanted.state() == VolumeAttachment.State.DETACHING && wanted.deleteOnTermination()) {
            LOG.info("volume {} was deleted with its server {}", volume.id(), wanted.serverId());
            routing.remove(volume.id(), ResourceKind.VOLUME, region);
            volumes.delete(volume.id());
            return Result.done();
        }
        if (bottom == null) {
            LOG.warn("volume {} is missing in site {}", volume.id(), region);
            observations.settle(volume.id(), from, new ObservedVolume("error", volume.sizeGb(), null), now());
            return Result.done();
        }
        String serverBottom = routing.find(wanted.serverId(), ResourceKind.SERVER, region).map(Routing::bottomId).orElse(null);
        Map<String, String> topServers = routing.topIdsOf(region, ResourceKind.SERVER, SiteVolumes.attachedServers(bottom));
        ObservedVolume observed = SiteVolumes.observed(bottom, topServers);
        boolean attached = serverBottom != null && SiteVolumes.attachedServers(bottom).contains(serverBottom);
        String status = bottom.path("status").asText();
        NovaApi nova = sites.client(region).nova(volume.projectId());
        return switch (wanted.state()) {
            case ATTACHING -> attach(volume, wanted, observed, attached, status, nova, serverBottom, copy.bottomId());
            case DETACHING -> detach(volume, wanted, observed, attached, status, nova, serverBottom, copy.bottomId());
            case ATTACHED -> Result.done();
        };
    }

    private Result attach(Volume volume, VolumeAttachment wanted, ObservedVolume observed, boolean attached, String status,
                          NovaApi nova, String serverBottom, String volumeBottom) {
        if (attached && status.equals("in-use")) {
            settle(volume, "attaching", observed);
            return Result.done();
        }
        if (ATTACH_IN_PROGRESS.contains(status)) {
            return Result.retryAfter(IN_PROGRESS, "volume " + volume.id() + " is being attached");
        }
        Server server = servers.find(wanted.serverId()).orElse(null);
        if (server == null || "deleting".equals(server.taskState()) || "ERROR".equals(server.status())) {
            settle(volume, "attaching", observed);
            return Result.done();
        }
        if (wanted.isRoot() || serverBottom == null) {
            return Result.retryAfter(SERVER_NOT_READY, "server " + server.id() + " is not built yet");
        }
        if (!status.equals("available") || wanted.siteAskedAt() != null) {
            LOG.warn("volume {} could not be attached to server {}: the site shows it {}", volume.id(), server.id(), status);
            settle(volume, "attaching", observed);
            return Result.done();
        }
        try {
            nova.attachVolume(serverBottom, volumeBottom, wanted.device());
        } catch (SiteException.Rejected rejected) {
            if (rejected.isTransient()) {
                throw rejected;
            }
            LOG.warn("site refused to attach volume {} to server {}: {}", volume.id(), server.id(), rejected.faultMessage());
            settle(volume, "attaching", observed);
            return Result.done();
        }
        attachments.siteAsked(volume.id(), now());
        return Result.retryAfter(IN_PROGRESS, "volume " + volume.id() + " asked to attach");
    }

    private Result detach(Volume volume, VolumeAttachment wanted, ObservedVolume observed, boolean attached, String status,
                          NovaApi nova, String serverBottom, String volumeBottom) {
        if (status.equals("detaching")) {
            return Result.retryAfter(IN_PROGRESS, "volume " + volume.id() + " is being detached");
        }
        if (!attached || wanted.siteAskedAt() != null) {
            if (attached) {
                LOG.warn("site kept volume {} attached to server {}", volume.id(), wanted.serverId());
            }
            settle(volume, "detaching", observed);
            return Result.done();
        }
        try {
            nova.detachVolume(serverBottom, volumeBottom);
        } catch (SiteException.Rejected rejected) {
            if (rejected.isTransient()) {
                throw rejected;
            }
            LOG.warn("site refused to detach volume {} from server {}: {}", volume.id(), wanted.serverId(), rejected.faultMessage());
            settle(volume, "detaching", observed);
            return Result.done();
        }
        attachments.siteAsked(volume.id(), now());
        return Result.retryAfter(IN_PROGRESS, "volume " + volume.id() + " asked to detach");
    }

    private void settle(Volume volume, String from, ObservedVolume observed) {
        if (observations.settle(volume.id(), from, observed, now())) {
            LOG.info("volume {} is {} ({})", volume.id(), observed.status(),
                    observed.attachment() == null ? "not attached" : "attached to server " + observed.attachment().serverId());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
