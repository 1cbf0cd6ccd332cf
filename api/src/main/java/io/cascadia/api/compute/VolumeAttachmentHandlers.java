package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.compute.Server;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.volume.Volume;
import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.store.volume.VolumeAttachments;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /servers/{id}/os-volume_attachments}: list, show, attach and detach, with Nova's bodies. A volume is attached
 * to a server of its own site only, through that site's Nova: a server in another site is refused with 400 and says
 * where each one is. The attachment answers at once ({@code attaching}); the volume is {@code in-use} once the site has
 * attached it.
 */
final class VolumeAttachmentHandlers {
    private static final Set<String> ATTACHABLE = Set.of("ACTIVE", "SHUTOFF");

    private final Jdbi jdbi;
    private final Servers servers;
    private final VolumeAttachments attachments;
    private final VolumeReservations reservations;
    private final SiteZones zones;

    VolumeAttachmentHandlers(Jdbi jdbi, Servers servers, VolumeAttachments attachments, VolumeReservations reservations,
                             SiteZones zones) {
        this.jdbi = jdbi;
        this.servers = servers;
        this.attachments = attachments;
        this.reservations = reservations;
        this.zones = zones;
    }

    void register(VersionedRoutes<ComputeContext> routes) {
        routes.get("/servers/{id}/os-volume_attachments", this::list);
        routes.post("/servers/{id}/os-volume_attachments", this::attach);
        routes.get("/servers/{id}/os-volume_attachments/{volume}", this::show);
        routes.delete("/servers/{id}/os-volume_attachments/{volume}", this::detach);
    }

    private Server server(ComputeContext c, String id) {
        return servers.find(id)
                .filter(s -> c.admin() || s.projectId().equals(c.auth().projectId()))
                .orElseThrow(() -> Nova.serverNotFound(id));
    }

    private List<VolumeAttachment> of(Server server) {
        return attachments.forServers(List.of(server.id())).getOrDefault(server.id(), List.of());
    }

    private void list(Context ctx, ComputeContext c) {
        Server server = server(c, ctx.pathParam("id"));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("volumeAttachments");
        of(server).forEach(a -> array.add(view(c, a)));
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, ComputeContext c) {
        Server server = server(c, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("volumeAttachment", view(c, attached(server, ctx.pathParam("volume")))));
    }

    private VolumeAttachment attached(Server server, String volumeId) {
        return of(server).stream().filter(a -> a.volumeId().equals(volumeId)).findFirst()
                .orElseThrow(() -> Nova.notFound("Instance " + server.id() + " is not attached to volume " + Nova.show(volumeId) + "."));
    }

    private void attach(Context ctx, ComputeContext c) {
        Server server = server(c, ctx.pathParam("id"));
        Set<String> allowed = new HashSet<>(Set.of("volumeId", "device"));
        if (c.atLeast(49)) {
            allowed.add("tag");
        }
        if (c.atLeast(79)) {
            allowed.add("delete_on_termination");
        }
        ObjectNode body = Nova.body(ctx, "volumeAttachment", allowed);
        String volumeId = Nova.string(body, "volumeId", 1, 255);
        if (volumeId == null) {
            throw OpenStackException.badRequest("Invalid input for field/attribute volumeAttachment. Value: "
                    + Nova.show(body.toString()) + ". 'volumeId' is a required property");
        }
        if (!Ids.isUuid(volumeId)) {
            throw Nova.invalid("volumeId", body.get("volumeId"), "is not a 'uuid'");
        }
        String device = Nova.nullableString(body, "device", 255);
        if (device != null && !device.matches("(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$")) {
            throw Nova.invalid("device", body.get("device"), "does not match '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'");
        }
        String tag = Nova.string(body, "tag", 1, 60);
        boolean deleteOnTermination = Boolean.TRUE.equals(Nova.bool(body, "delete_on_termination"));
        Volume volume = reservations.visible(c, volumeId);
        requireState(server, "attach_volume");
        Optional<String> serverSite = reservations.siteOf(server.id(), ResourceKind.SERVER);
        Optional<String> volumeSite = reservations.siteOf(volume.id(), ResourceKind.VOLUME);
        if (serverSite.isPresent() && volumeSite.isPresent() && !serverSite.get().equals(volumeSite.get())) {
            throw OpenStackException.badRequest("Volume " + volume.id() + " is in " + where(volumeSite.get()) + " and server "
                    + server.id() + " in " + where(serverSite.get()) + ": attaching a volume across sites is not possible.");
        }
        VolumeAttachment attachment = jdbi.inTransaction(h ->
                reservations.reserve(volume, server.id(), device, tag, null, deleteOnTermination));
        Responses.json(ctx, 200, Json.object().set("volumeAttachment", view(c, attachment)));
    }

    private void detach(Context ctx, ComputeContext c) {
        Server server = server(c, ctx.pathParam("id"));
        reservations.visible(c, ctx.pathParam("volume"));
        VolumeAttachment attachment = attached(server, ctx.pathParam("volume"));
        requireState(server, "detach_volume");
        if (attachment.isRoot()) {
            throw OpenStackException.badRequest("Cannot detach a root device volume");
        }
        jdbi.useTransaction(h -> reservations.release(attachment));
        ctx.status(202);
    }

    /** Nova attaches and detaches volumes of active and stopped servers only, with no task under way. */
    private static void requireState(Server server, String action) {
        String state = !ATTACHABLE.contains(server.status()) ? "vm_state " + server.vmState()
                : server.taskState() != null ? "task_state " + server.taskState() : null;
        if (state != null) {
            throw OpenStackException.conflict("Cannot '" + action + "' instance " + server.id() + " while it is in " + state);
        }
    }

    /** A site as users know it: by its availability zone, and its region. */
    private String where(String region) {
        String zoneNames = String.join(", ", zones.list().stream().filter(z -> z.region().equals(region))
                .map(AvailabilityZone::topName).distinct().toList());
        return "availability zone " + zoneNames + " (site " + region + ")";
    }

    private static ObjectNode view(ComputeContext c, VolumeAttachment attachment) {
        ObjectNode node = Json.object()
                .put("device", attachment.device())
                .put("id", attachment.volumeId())
                .put("serverId", attachment.serverId())
                .put("volumeId", attachment.volumeId());
        if (c.atLeast(70)) {
            node.put("tag", attachment.tag());
        }
        if (c.atLeast(79)) {
            node.put("delete_on_termination", attachment.deleteOnTermination());
        }
        return node;
    }
}
