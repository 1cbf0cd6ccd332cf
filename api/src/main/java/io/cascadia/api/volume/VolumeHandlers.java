package io.cascadia.api.volume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.time.Timestamps;
import io.cascadia.core.volume.Volume;
import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.core.volume.VolumeType;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.store.volume.VolumeAttachments;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.VolumeTypes;
import io.cascadia.store.volume.Volumes;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /volumes}: a create records the volume in {@code creating} and enqueues {@code volume.create} in one
 * transaction. A delete of a volume no site holds yet (no routing row) removes it at once; a placed one is marked
 * {@code deleting} with a {@code volume.delete} job. A rename of a placed volume, and an extend ({@code os-extend},
 * {@code extending} until its site has grown it), enqueue {@code volume.update}. Attachments are shown as the site
 * confirmed them.
 */
final class VolumeHandlers {
    static final String DEFAULT_ZONE = "nova";
    static final int MAX_VOLUMES = 10;
    static final int MAX_GIGABYTES = 1000;
    private static final Set<String> CREATE = Set.of("size", "name", "description", "display_name", "display_description",
            "volume_type", "availability_zone", "metadata", "snapshot_id", "source_volid", "imageRef", "multiattach",
            "consistencygroup_id", "backup_id", "group_id");
    private static final Set<String> UPDATE = Set.of("name", "description", "display_name", "display_description", "metadata");

    private final Jdbi jdbi;
    private final Volumes volumes;
    private final VolumeTypes types;
    private final Images images;
    private final SiteZones zones;
    private final JobQueue jobs;
    private final VolumeAttachments attachments;
    private final VolumeObservations observations;
    private final RoutingTable routing;
    private final Clock clock;

    VolumeHandlers(Jdbi jdbi, Volumes volumes, VolumeTypes types, Images images, SiteZones zones, JobQueue jobs, Clock clock) {
        this.jdbi = jdbi;
        this.volumes = volumes;
        this.types = types;
        this.images = images;
        this.zones = zones;
        this.jobs = jobs;
        this.attachments = new VolumeAttachments(jdbi);
        this.observations = new VolumeObservations(jdbi);
        this.routing = new RoutingTable(jdbi);
        this.clock = clock;
    }

    void register(VersionedRoutes<VolumeContext> routes) {
        routes.get("/volumes", (ctx, c) -> list(ctx, c, false));
        routes.get("/volumes/detail", (ctx, c) -> list(ctx, c, true));
        routes.post("/volumes", this::create);
        routes.get("/volumes/{id}", this::show);
        routes.put("/volumes/{id}", this::update);
        routes.delete("/volumes/{id}", this::delete);
        routes.post("/volumes/{id}/action", this::action);
    }

    private Volume visible(VolumeContext c, String id) {
        return volumes.find(id)
                .filter(v -> c.admin() || v.projectId().equals(c.auth().projectId()))
                .orElseThrow(() -> OpenStackException.notFound("Volume " + Cinder.show(id) + " could not be found."));
    }

    private void list(Context ctx, VolumeContext c, boolean detail) {
        String allTenants = ctx.queryParam("all_tenants");
        boolean all = allTenants != null && !allTenants.matches("(?i)false|0|no|off") && c.admin();
        String project = all ? ctx.queryParam("project_id") : c.project();
        PageRequest page = PageRequest.parse(ctx, 1000);
        if (page.marker() != null && volumes.find(page.marker()).isEmpty()) {
            throw OpenStackException.notFound("Marker " + Cinder.show(page.marker()) + " could not be found.");
        }
        List<Volume> found = volumes.list(project, ctx.queryParam("name"), ctx.queryParam("status"), page.marker(), page.limit());
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("volumes");
        Map<String, VolumeAttachment> attached = detail ? attachments.forVolumes(found.stream().map(Volume::id).toList()) : Map.of();
        found.forEach(v -> array.add(detail ? detail(c, v, attached.get(v.id())) : summary(c, v)));
        if (ctx.queryParam("limit") != null && page.isFull(found.size())) {
            body.putArray("volumes_links").addObject().put("rel", "next").put("href", page.nextHref(ctx, found.getLast().id()));
        }
        Responses.json(ctx, 200, body);
    }

    private void create(Context ctx, VolumeContext c) {
        ObjectNode body = Cinder.body(ctx, "volume", CREATE);
        Integer size = Cinder.integer(body, "size", 1);
        String sourceId = Cinder.string(body, "source_volid", 36);
        Volume source = sourceId == null ? null : visible(c, sourceId);
        if (size == null && source != null) {
            size = source.sizeGb();
        }
        if (size == null) {
            throw OpenStackException.badRequest("Invalid input for field/attribute volume. Value: " + Cinder.show(body.toString())
                    + ". 'size' is a required property");
        }
        String snapshot = Cinder.string(body, "snapshot_id", 36);
        if (snapshot != null) {
            throw OpenStackException.notFound("Snapshot " + Cinder.show(snapshot) + " could not be found.");
        }
        String typeName = Cinder.string(body, "volume_type", 255);
        VolumeType type = typeName == null ? types.findByName(VolumeType.DEFAULT_NAME).orElseThrow()
                : types.findByName(typeName).or(() -> types.find(typeName))
                .filter(t -> t.isPublic() || c.admin())
                .orElseThrow(() -> OpenStackException.notFound("Volume type with name " + Cinder.show(typeName) + " could not be found."));
        String zone = Cinder.string(body, "availability_zone", 255);
        if (zone != null && zones.list().stream().map(AvailabilityZone::topName).noneMatch(zone::equals)) {
            throw OpenStackException.badRequest("Invalid input received: Availability zone '" + Cinder.show(zone) + "' is invalid.");
        }
        String imageRef = Cinder.string(body, "imageRef", 255);
        if (imageRef != null && (!Ids.isUuid(imageRef) || images.find(imageRef)
                .filter(i -> io.cascadia.api.image.ImageVisibility.visible(i, c.project(), images) || c.admin()).isEmpty())) {
            throw OpenStackException.badRequest("Invalid image identifier or unable to access requested image.");
        }
        String name = Cinder.string(body, "name", 255);
        name = name != null ? name : Cinder.string(body, "display_name", 255);
        String description = Cinder.string(body, "description", 255);
        description = description != null ? description : Cinder.string(body, "display_description", 255);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Volume volume = new Volume(Ids.uuid(), c.project(), c.auth().userId(), name, description, size, "creating", type.name(),
                zone != null ? zone : source != null ? source.availabilityZone() : null, imageRef != null, sourceId, null,
                imageRef, Boolean.TRUE.equals(Cinder.bool(body, "multiattach")), Cinder.metadata(body, "metadata"), now, now);
        int gigabytes = size;
        jdbi.useTransaction(h -> {
            long[] usage = volumes.usage(c.project());
            if (usage[0] + 1 > MAX_VOLUMES) {
                throw new OpenStackException(ErrorKind.PAYLOAD_TOO_LARGE, "VolumeLimitExceeded: Maximum number of volumes allowed ("
                        + MAX_VOLUMES + ") exceeded for quota 'volumes'.");
            }
            if (usage[1] + gigabytes > MAX_GIGABYTES) {
                throw new OpenStackException(ErrorKind.PAYLOAD_TOO_LARGE, "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot"
                        + " exceeds allowed gigabytes quota. Requested " + gigabytes + "G, quota is " + MAX_GIGABYTES + "G and "
                        + usage[1] + "G has been consumed.");
            }
            volumes.insert(volume);
            jobs.enqueue(JobSpec.of(JobType.VOLUME_PLACEMENT, volume.id(), null));
        });
        Responses.json(ctx, 202, Json.object().set("volume", detail(c, volume, null)));
    }

    private void show(Context ctx, VolumeContext c) {
        Volume volume = visible(c, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("volume", detail(c, volume, attachments.find(volume.id()).orElse(null))));
    }

    private void update(Context ctx, VolumeContext c) {
        Volume current = visible(c, ctx.pathParam("id"));
        ObjectNode body = Cinder.body(ctx, "volume", UPDATE);
        String name = body.has("name") ? Cinder.string(body, "name", 255)
                : body.has("display_name") ? Cinder.string(body, "display_name", 255) : current.name();
        String description = body.has("description") ? Cinder.string(body, "description", 255)
                : body.has("display_description") ? Cinder.string(body, "display_description", 255) : current.description();
        Volume updated = new Volume(current.id(), current.projectId(), current.userId(), name, description, current.sizeGb(),
                current.status(), current.volumeTypeName(), current.availabilityZone(), current.bootable(),
                current.sourceVolumeId(), current.snapshotId(), current.imageId(), current.multiattach(),
                body.has("metadata") ? Cinder.metadata(body, "metadata") : current.metadata(), current.createdAt(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbi.useTransaction(h -> {
            volumes.updateDetails(updated);
            if (routing.hasCopies(updated.id(), ResourceKind.VOLUME)) {
                jobs.enqueueUnlessPending(JobSpec.of(JobType.VOLUME_UPDATE, updated.id(), null));
            }
        });
        Responses.json(ctx, 200, Json.object().set("volume", detail(c, updated, attachments.find(updated.id()).orElse(null))));
    }

    /** {@code os-extend}: grows an available volume; it is {@code extending} until its site has grown its copy. */
    private void action(Context ctx, VolumeContext c) {
        Volume volume = visible(c, ctx.pathParam("id"));
        ObjectNode body = Json.parseObject(ctx.body());
        String action = body.size() == 1 ? body.fieldNames().next() : String.join(",", (Iterable<String>) body::fieldNames);
        if (!action.equals("os-extend")) {
            throw OpenStackException.badRequest("There is no such action: " + Cinder.show(action));
        }
        ObjectNode extend = Cinder.body(ctx, "os-extend", Set.of("new_size"));
        Integer newSize = Cinder.integer(extend, "new_size", 1);
        if (newSize == null) {
            throw OpenStackException.badRequest("Invalid input for field/attribute os-extend. Value: " + Cinder.show(extend.toString())
                    + ". 'new_size' is a required property");
        }
        jdbi.useTransaction(h -> {
            String status = observations.lockStatus(volume.id()).orElseThrow(
                    () -> OpenStackException.notFound("Volume " + volume.id() + " could not be found."));
            Volume current = volumes.find(volume.id()).orElseThrow();
            if (!status.equals("available")) {
                throw OpenStackException.badRequest("Invalid volume: Volume " + volume.id()
                        + " status must be available to extend, but current status is: " + status + ".");
            }
            if (newSize <= current.sizeGb()) {
                throw OpenStackException.badRequest("Invalid input received: New size for extend must be greater than current size."
                        + " (current: " + current.sizeGb() + ", extended: " + newSize + ").");
            }
            long used = volumes.usage(current.projectId())[1];
            if (used - current.sizeGb() + newSize > MAX_GIGABYTES) {
                throw new OpenStackException(ErrorKind.PAYLOAD_TOO_LARGE, "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot"
                        + " exceeds allowed gigabytes quota. Requested " + (newSize - current.sizeGb()) + "G, quota is " + MAX_GIGABYTES
                        + "G and " + used + "G has been consumed.");
            }
            volumes.update(new Volume(current.id(), current.projectId(), current.userId(), current.name(), current.description(),
                    newSize, "extending", current.volumeTypeName(), current.availabilityZone(), current.bootable(),
                    current.sourceVolumeId(), current.snapshotId(), current.imageId(), current.multiattach(), current.metadata(),
                    current.createdAt(), clock.instant().truncatedTo(ChronoUnit.MICROS)));
            jobs.enqueueUnlessPending(JobSpec.of(JobType.VOLUME_UPDATE, current.id(), null));
        });
        ctx.status(202);
    }

    private void delete(Context ctx, VolumeContext c) {
        Volume volume = visible(c, ctx.pathParam("id"));
        jdbi.useTransaction(h -> {
            // Locked, so a placement or an observation running now is either before this or sees the delete.
            String status = observations.lockStatus(volume.id()).orElse("deleting");
            // A volume given to a server (attached, or reserved as a building server's root) is never deleted.
            boolean given = attachments.find(volume.id()).isPresent();
            if (!given && !routing.hasCopies(volume.id(), ResourceKind.VOLUME)) {
                volumes.delete(volume.id());
                return;
            }
            if (given || !Set.of("available", "error", "error_restoring", "error_extending", "error_managing", "deleting")
                    .contains(status)) {
                throw OpenStackException.badRequest("Invalid volume: Volume status must be available or error or error_restoring"
                        + " or error_extending or error_managing and must not be migrating, attached, belong to a group, have"
                        + " snapshots or be disassociated from snapshots after volume transfer.");
            }
            if (observations.setStatus(volume.id(), null, "deleting", clock.instant().truncatedTo(ChronoUnit.MICROS))) {
                jobs.enqueue(JobSpec.of(JobType.VOLUME_DELETE, volume.id(), null));
            }
        });
        ctx.status(202);
    }

    private ObjectNode summary(VolumeContext c, Volume volume) {
        ObjectNode node = Json.object().put("id", volume.id()).put("name", volume.name());
        links(c, node, volume);
        return node;
    }

    /** The volume as Cinder shows it, with its attachment once the site confirmed it (null: none). */
    private ObjectNode detail(VolumeContext c, Volume volume, VolumeAttachment attachment) {
        ObjectNode node = Json.object()
                .put("id", volume.id())
                .put("name", volume.name())
                .put("status", volume.status())
                .put("size", volume.sizeGb())
                .put("availability_zone", volume.availabilityZone() == null ? DEFAULT_ZONE : volume.availabilityZone())
                .put("created_at", Timestamps.micros(volume.createdAt()).replace("Z", ""))
                .put("updated_at", Timestamps.micros(volume.updatedAt()).replace("Z", ""));
        ArrayNode attached = node.putArray("attachments");
        if (attachment != null && attachment.state() != VolumeAttachment.State.ATTACHING) {
            attached.addObject()
                    .put("id", volume.id())
                    .put("attachment_id", attachment.id())
                    .put("volume_id", volume.id())
                    .put("server_id", attachment.serverId())
                    .put("host_name", c.admin() ? attachment.hostName() : null)
                    .put("device", attachment.device())
                    .put("attached_at", attachment.attachedAt() == null ? null
                            : Timestamps.micros(attachment.attachedAt()).replace("Z", ""));
        }
        node.put("bootable", Boolean.toString(volume.bootable()).toLowerCase(Locale.ROOT))
                .put("encrypted", false)
                .put("description", volume.description())
                .put("volume_type", volume.volumeTypeName())
                .put("snapshot_id", volume.snapshotId())
                .put("source_volid", volume.sourceVolumeId());
        ObjectNode metadata = node.putObject("metadata");
        new java.util.TreeMap<>(volume.metadata()).forEach(metadata::put);
        links(c, node, volume);
        node.put("user_id", volume.userId())
                .put("multiattach", volume.multiattach())
                .putNull("replication_status")
                .putNull("consistencygroup_id")
                .put("os-vol-tenant-attr:tenant_id", volume.projectId());
        if (c.admin()) {
            node.putNull("os-vol-host-attr:host").putNull("os-vol-mig-status-attr:migstat")
                    .put("os-vol-mig-status-attr:name_id", (String) null);
        }
        if (volume.imageId() != null) {
            node.putObject("volume_image_metadata").put("image_id", volume.imageId());
        }
        if (c.atLeast(13)) {
            node.putNull("group_id");
        }
        if (c.atLeast(21) && c.admin()) {
            node.putNull("provider_id");
        }
        if (c.atLeast(48)) {
            node.put("shared_targets", true);
            if (c.admin()) {
                node.putNull("service_uuid");
            }
        }
        if (c.atLeast(61) && c.admin()) {
            node.putNull("cluster_name");
        }
        if (c.atLeast(63)) {
            node.put("volume_type_id", types.findByName(volume.volumeTypeName()).map(VolumeType::id).orElse(null));
        }
        return node;
    }

    private static void links(VolumeContext c, ObjectNode node, Volume volume) {
        ArrayNode links = node.putArray("links");
        links.addObject().put("href", c.base() + "/v3/" + volume.projectId() + "/volumes/" + volume.id()).put("rel", "self");
        links.addObject().put("href", c.base() + "/" + volume.projectId() + "/volumes/" + volume.id()).put("rel", "bookmark");
    }
}
