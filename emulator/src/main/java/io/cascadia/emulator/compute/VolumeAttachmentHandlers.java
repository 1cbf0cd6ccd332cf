package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;

/** {@code /servers/{id}/os-volume_attachments}: attach (in-use after the action latency), list, show, detach. */
final class VolumeAttachmentHandlers {
    private final Servers servers;

    VolumeAttachmentHandlers(Servers servers) {
        this.servers = servers;
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/servers/{id}/os-volume_attachments", this::list);
        routes.post("/servers/{id}/os-volume_attachments", this::attach);
        routes.get("/servers/{id}/os-volume_attachments/{volume}", this::show);
        routes.delete("/servers/{id}/os-volume_attachments/{volume}", this::detach);
    }

    private void list(Context ctx, NovaRequest request) {
        Server server = servers.visible(request, ctx.pathParam("id"));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("volumeAttachments");
        server.volumes().forEach(attachment -> array.add(view(request, server.id(), attachment)));
        Responses.json(ctx, 200, body);
    }

    private void attach(Context ctx, NovaRequest request) {
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "volumeAttachment");
        String volumeId = Fields.requiredString(body, "volumeId");
        String device = Fields.optionalString(body, "device").orElse(null);
        String tag = request.atLeast(49) ? Fields.optionalString(body, "tag").orElse(null) : null;
        boolean deleteOnTermination = request.atLeast(79) && Fields.optionalBoolean(body, "delete_on_termination").orElse(false);
        String serverId = ctx.pathParam("id");
        VolumeAttachment attachment = servers.attachVolume(request, serverId, volumeId, device, tag, deleteOnTermination);
        Responses.json(ctx, 200, Json.object().set("volumeAttachment", view(request, serverId, attachment)));
    }

    private void show(Context ctx, NovaRequest request) {
        Server server = servers.visible(request, ctx.pathParam("id"));
        String volumeId = ctx.pathParam("volume");
        VolumeAttachment attachment = server.volumes().stream()
                .filter(a -> a.volumeId().equals(volumeId))
                .findFirst()
                .orElseThrow(() -> OpenStackException.notFound("Instance " + server.id() + " is not attached to volume " + volumeId + "."));
        Responses.json(ctx, 200, Json.object().set("volumeAttachment", view(request, server.id(), attachment)));
    }

    private void detach(Context ctx, NovaRequest request) {
        servers.detachVolume(request, ctx.pathParam("id"), ctx.pathParam("volume"));
        ctx.status(202);
    }

    private static ObjectNode view(NovaRequest request, String serverId, VolumeAttachment attachment) {
        ObjectNode node = Json.object()
                .put("device", attachment.device())
                .put("id", attachment.volumeId())
                .put("serverId", serverId)
                .put("volumeId", attachment.volumeId());
        if (request.atLeast(70)) {
            node.put("tag", attachment.tag());
        }
        if (request.atLeast(79)) {
            node.put("delete_on_termination", attachment.deleteOnTermination());
        }
        return node;
    }
}
