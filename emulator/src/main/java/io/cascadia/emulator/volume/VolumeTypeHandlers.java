package io.cascadia.emulator.volume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.javalin.http.Context;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /types}: everyone lists public types, administrators also private ones and their extra specs, and create and
 * delete them; a type some volume uses cannot be deleted.
 */
final class VolumeTypeHandlers {
    private final VolumeTypes types;
    private final Volumes volumes;

    VolumeTypeHandlers(VolumeTypes types, Volumes volumes) {
        this.types = types;
        this.volumes = volumes;
    }

    void list(Context ctx, AuthContext auth) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("volume_types");
        types.all().stream().filter(t -> t.isPublic() || auth.isAdmin()).forEach(t -> array.add(view(auth, t)));
        Responses.json(ctx, 200, body);
    }

    void show(Context ctx, AuthContext auth) {
        String id = ctx.pathParam("id");
        VolumeType type = types.find(id).filter(t -> t.isPublic() || auth.isAdmin())
                .orElseThrow(() -> OpenStackException.notFound("Volume type " + shorten(id) + " could not be found."));
        Responses.json(ctx, 200, Json.object().set("volume_type", view(auth, type)));
    }

    void create(Context ctx, AuthContext auth) {
        requireAdmin(auth);
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "volume_type");
        String name = Fields.checkLength("name", Fields.requiredString(body, "name").strip(), 1, 255);
        Map<String, String> specs = Fields.optionalStringMap(body, "extra_specs").orElse(Map.of());
        VolumeType type = new VolumeType(Ids.uuid(), name, Fields.optionalString(body, "description").orElse(null),
                Fields.optionalBoolean(body, "os-volume-type-access:is_public").orElse(true), specs);
        types.add(type);
        Responses.json(ctx, 200, Json.object().set("volume_type", view(auth, type)));
    }

    void delete(Context ctx, AuthContext auth) {
        requireAdmin(auth);
        String id = ctx.pathParam("id");
        VolumeType type = types.find(id)
                .orElseThrow(() -> OpenStackException.notFound("Volume type " + shorten(id) + " could not be found."));
        if (volumes.table.ordered(null).values().stream().anyMatch(v -> v.typeId().equals(type.id()))) {
            throw OpenStackException.badRequest("Target volume type is still in use.");
        }
        types.remove(type.id());
        ctx.status(202);
    }

    private static ObjectNode view(AuthContext auth, VolumeType type) {
        ObjectNode node = Json.object()
                .put("id", type.id())
                .put("name", type.name())
                .put("description", type.description())
                .put("is_public", type.isPublic())
                .put("os-volume-type-access:is_public", type.isPublic());
        if (auth.isAdmin()) {
            ObjectNode specs = node.putObject("extra_specs");
            new TreeMap<>(type.extraSpecs()).forEach(specs::put);
        }
        node.putNull("qos_specs_id");
        return node;
    }

    private static void requireAdmin(AuthContext auth) {
        if (!auth.isAdmin()) {
            throw OpenStackException.forbidden("Policy doesn't allow volume_extension:types_manage to be performed.");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
