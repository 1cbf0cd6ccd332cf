package io.cascadia.api.volume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.volume.VolumeType;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeTypes;
import io.cascadia.store.volume.Volumes;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /types}: Cinder volume types; everyone reads public ones, administrators manage them and see extra specs.
 * Deleting a type that sites hold copies of enqueues {@code volume_type.delete} with the delete.
 */
final class VolumeTypeHandlers {
    private static final Set<String> CREATE = Set.of("name", "description", "os-volume-type-access:is_public", "extra_specs");
    private static final Set<String> UPDATE = Set.of("name", "description", "is_public");

    private final VolumeTypes types;
    private final Volumes volumes;
    private final Jdbi jdbi;
    private final RoutingTable routing;
    private final JobQueue jobs;

    VolumeTypeHandlers(VolumeTypes types, Volumes volumes, Jdbi jdbi, JobQueue jobs) {
        this.types = types;
        this.volumes = volumes;
        this.jdbi = jdbi;
        this.routing = new RoutingTable(jdbi);
        this.jobs = jobs;
    }

    void register(VersionedRoutes<VolumeContext> routes) {
        routes.get("/types", this::list);
        routes.post("/types", this::create);
        routes.get("/types/{id}", this::show);
        routes.put("/types/{id}", this::update);
        routes.delete("/types/{id}", this::delete);
    }

    private VolumeType visible(VolumeContext c, String id) {
        if (id.equals("default")) {
            return types.findByName(VolumeType.DEFAULT_NAME).orElseThrow();
        }
        return types.find(id).filter(t -> t.isPublic() || c.admin())
                .orElseThrow(() -> OpenStackException.notFound("Volume type " + Cinder.show(id) + " could not be found."));
    }

    private void list(Context ctx, VolumeContext c) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("volume_types");
        types.list(!c.admin()).forEach(t -> array.add(view(c, t)));
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, VolumeContext c) {
        Responses.json(ctx, 200, Json.object().set("volume_type", view(c, visible(c, ctx.pathParam("id")))));
    }

    private void create(Context ctx, VolumeContext c) {
        requireAdmin(c, "volume_extension:types_manage");
        ObjectNode body = Cinder.body(ctx, "volume_type", CREATE);
        String name = Cinder.string(body, "name", 255);
        if (name == null || name.isBlank()) {
            throw OpenStackException.badRequest("Invalid input for field/attribute name. Value: None. None is not of type 'string'");
        }
        if (types.findByName(name).isPresent()) {
            throw OpenStackException.conflict("Volume Type " + name + " already exists.");
        }
        java.util.Map<String, String> specs = Cinder.metadata(body, "extra_specs");
        Boolean isPublic = Cinder.bool(body, "os-volume-type-access:is_public");
        VolumeType type = new VolumeType(Ids.uuid(), name, Cinder.string(body, "description", 255), isPublic == null || isPublic, specs);
        types.insert(type);
        Responses.json(ctx, 200, Json.object().set("volume_type", view(c, type)));
    }

    private void update(Context ctx, VolumeContext c) {
        requireAdmin(c, "volume_extension:types_manage");
        VolumeType current = visible(c, ctx.pathParam("id"));
        ObjectNode body = Cinder.body(ctx, "volume_type", UPDATE);
        String name = body.has("name") ? Cinder.string(body, "name", 255) : current.name();
        if (name == null || name.isBlank()) {
            throw OpenStackException.badRequest("Invalid input for field/attribute name. Value: None. None is not of type 'string'");
        }
        if (!name.equals(current.name()) && types.findByName(name).isPresent()) {
            throw OpenStackException.conflict("Volume Type " + name + " already exists.");
        }
        Boolean isPublic = Cinder.bool(body, "is_public");
        VolumeType updated = new VolumeType(current.id(), name,
                body.has("description") ? Cinder.string(body, "description", 255) : current.description(),
                isPublic == null ? current.isPublic() : isPublic, current.extraSpecs());
        types.update(updated);
        Responses.json(ctx, 200, Json.object().set("volume_type", view(c, updated)));
    }

    private void delete(Context ctx, VolumeContext c) {
        requireAdmin(c, "volume_extension:types_manage");
        VolumeType type = visible(c, ctx.pathParam("id"));
        if (type.name().equals(VolumeType.DEFAULT_NAME)) {
            throw OpenStackException.badRequest("Default volume type can not be deleted.");
        }
        if (volumes.typeInUse(type.name())) {
            throw OpenStackException.badRequest("Target volume type is still in use.");
        }
        jdbi.useTransaction(h -> {
            types.delete(type.id());
            if (routing.hasCopies(type.id(), ResourceKind.VOLUME_TYPE)) {
                jobs.enqueue(JobSpec.of(JobType.VOLUME_TYPE_RELEASE, type.id(), null));
            }
        });
        ctx.status(202);
    }

    private static ObjectNode view(VolumeContext c, VolumeType type) {
        ObjectNode node = Json.object()
                .put("id", type.id())
                .put("name", type.name())
                .put("description", type.description())
                .put("is_public", type.isPublic())
                .put("os-volume-type-access:is_public", type.isPublic())
                .putNull("qos_specs_id");
        if (c.admin()) {
            node.set("extra_specs", Json.mapper().valueToTree(new java.util.TreeMap<>(type.extraSpecs())));
        }
        return node;
    }

    private static void requireAdmin(VolumeContext c, String rule) {
        if (!c.admin()) {
            throw Cinder.policy(rule);
        }
    }
}
