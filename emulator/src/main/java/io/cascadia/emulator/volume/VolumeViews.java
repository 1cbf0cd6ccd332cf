package io.cascadia.emulator.volume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.AuthContext;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Cinder's JSON for volumes, by microversion and role: the host and migration attributes for administrators only,
 * {@code group_id} from 3.13, {@code provider_id} (administrators) from 3.21, {@code shared_targets} and
 * {@code service_uuid} from 3.48, {@code cluster_name} (administrators) from 3.61, {@code volume_type_id} from
 * 3.63, {@code consumes_quota} from 3.65.
 */
final class VolumeViews {
    /** Cinder writes naive ISO times with microseconds: {@code 2018-11-28T06:21:12.715987}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final VolumeTypes types;
    private final String backendHost;

    VolumeViews(VolumeTypes types, String backendHost) {
        this.types = types;
        this.backendHost = backendHost;
    }

    ObjectNode summary(Context ctx, Volume volume) {
        ObjectNode node = Json.object().put("id", volume.id()).put("name", volume.name());
        node.set("links", links(ctx, volume));
        return node;
    }

    ObjectNode detail(Context ctx, AuthContext auth, ApiVersion version, Volume volume) {
        boolean admin = auth.isAdmin();
        ObjectNode node = Json.object()
                .put("id", volume.id())
                .put("status", volume.status())
                .put("size", volume.size())
                .put("availability_zone", volume.availabilityZone())
                .put("created_at", time(volume.createdAt()))
                .put("updated_at", time(volume.updatedAt()))
                .put("name", volume.name())
                .put("description", volume.description())
                .put("volume_type", types.find(volume.typeId()).map(VolumeType::name).orElse(null))
                .putNull("snapshot_id")
                .putNull("source_volid");
        ObjectNode metadata = node.putObject("metadata");
        volume.metadata().forEach(metadata::put);
        node.set("links", links(ctx, volume));
        node.put("user_id", volume.userId())
                .put("bootable", Boolean.toString(volume.bootable()))
                .put("encrypted", false)
                .putNull("replication_status")
                .putNull("consistencygroup_id")
                .put("multiattach", false);
        ArrayNode attachments = node.putArray("attachments");
        Volume.Attachment attachment = volume.attachment();
        if (attachment != null && (volume.status().equals(Volume.IN_USE) || volume.status().equals(Volume.DETACHING))) {
            attachments.addObject()
                    .put("id", volume.id())
                    .put("attachment_id", attachment.id())
                    .put("volume_id", volume.id())
                    .put("server_id", attachment.serverId())
                    .put("host_name", admin ? attachment.hostName() : null)
                    .put("device", attachment.device())
                    .put("attached_at", time(attachment.attachedAt()));
        }
        if (!volume.imageMetadata().isEmpty()) {
            ObjectNode image = node.putObject("volume_image_metadata");
            volume.imageMetadata().forEach(image::put);
        }
        node.put("os-vol-tenant-attr:tenant_id", volume.projectId());
        if (admin) {
            node.putNull("migration_status")
                    .put("os-vol-host-attr:host", backendHost)
                    .putNull("os-vol-mig-status-attr:migstat")
                    .putNull("os-vol-mig-status-attr:name_id");
        }
        if (version.atLeast(3, 13)) {
            node.putNull("group_id");
        }
        if (admin && version.atLeast(3, 21)) {
            node.putNull("provider_id");
        }
        if (version.atLeast(3, 48)) {
            node.put("shared_targets", false).putNull("service_uuid");
        }
        if (admin && version.atLeast(3, 61)) {
            node.putNull("cluster_name");
        }
        if (version.atLeast(3, 63)) {
            node.put("volume_type_id", volume.typeId());
        }
        if (version.atLeast(3, 65)) {
            node.put("consumes_quota", true);
        }
        return node;
    }

    private static ArrayNode links(Context ctx, Volume volume) {
        String base = ctx.scheme() + "://" + ctx.host() + "/volume";
        ArrayNode links = Json.mapper().createArrayNode();
        links.addObject().put("href", base + "/v3/" + volume.projectId() + "/volumes/" + volume.id()).put("rel", "self");
        links.addObject().put("href", base + "/" + volume.projectId() + "/volumes/" + volume.id()).put("rel", "bookmark");
        return links;
    }

    static String time(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
