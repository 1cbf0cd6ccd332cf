package io.cascadia.emulator.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.image.Images;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Microversions;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v3/{project_id}/volumes}, volume actions, {@code /types} and {@code /os-availability-zone}. The project in
 * the URL must be the token's, as Cinder requires ("Malformed request url").
 */
final class VolumeHandlers {
    private static final Set<String> CREATE_FIELDS = Set.of("size", "name", "description", "availability_zone",
            "volume_type", "metadata", "imageRef", "snapshot_id", "source_volid", "multiattach", "consistencygroup_id",
            "backup_id", "group_id", "display_name", "display_description");
    private static final Set<String> SORT_KEYS = Set.of("created_at", "updated_at", "id", "name", "status", "size",
            "availability_zone");
    private static final int MAX_LIMIT = 1000;

    private final Volumes volumes;
    private final Images images;
    private final VolumeViews views;
    private final Microversions microversions;
    private final List<String> zones;
    private final LimitHandlers limits;
    private final VolumeTypeHandlers types;

    VolumeHandlers(Volumes volumes, Images images, VolumeViews views, Microversions microversions, List<String> zones) {
        this.volumes = volumes;
        this.images = images;
        this.views = views;
        this.microversions = microversions;
        this.zones = zones;
        this.limits = new LimitHandlers(volumes);
        this.types = new VolumeTypeHandlers(volumes.types(), volumes);
    }

    /** A handler given the caller and the negotiated microversion. */
    @FunctionalInterface
    private interface VolumeHandler {
        void handle(Context ctx, AuthContext auth, ApiVersion version);
    }

    void register(Router router) {
        router.get("/v3/{project_id}/volumes", versioned((ctx, auth, v) -> list(ctx, auth, v, false)));
        router.get("/v3/{project_id}/volumes/detail", versioned((ctx, auth, v) -> list(ctx, auth, v, true)));
        router.post("/v3/{project_id}/volumes", versioned(this::create));
        router.get("/v3/{project_id}/volumes/{id}", versioned(this::show));
        router.put("/v3/{project_id}/volumes/{id}", versioned(this::update));
        router.delete("/v3/{project_id}/volumes/{id}", versioned(this::delete));
        router.post("/v3/{project_id}/volumes/{id}/action", versioned(this::action));
        router.get("/v3/{project_id}/types", versioned((ctx, auth, v) -> types.list(ctx, auth)));
        router.post("/v3/{project_id}/types", versioned((ctx, auth, v) -> types.create(ctx, auth)));
        router.get("/v3/{project_id}/types/{id}", versioned((ctx, auth, v) -> types.show(ctx, auth)));
        router.delete("/v3/{project_id}/types/{id}", versioned((ctx, auth, v) -> types.delete(ctx, auth)));
        router.get("/v3/{project_id}/os-availability-zone", versioned(this::zones));
        router.get("/v3/{project_id}/limits", versioned((ctx, auth, v) -> limits.limits(ctx, auth)));
        router.get("/v3/{project_id}/os-quota-sets/{target}", versioned((ctx, auth, v) -> limits.quotas(ctx, auth, false)));
        router.get("/v3/{project_id}/os-quota-sets/{target}/defaults", versioned((ctx, auth, v) -> limits.quotas(ctx, auth, true)));
    }

    private io.cascadia.web.AuthenticatedHandler versioned(VolumeHandler handler) {
        return (ctx, auth) -> {
            ApiVersion version = microversions.negotiate(ctx);
            if (!ctx.pathParam("project_id").equals(auth.projectId())) {
                throw OpenStackException.badRequest("Malformed request url");
            }
            handler.handle(ctx, auth, version);
        };
    }

    private void list(Context ctx, AuthContext auth, ApiVersion version, boolean detail) {
        boolean allProjects = auth.isAdmin() && isTrue(ctx.queryParam("all_tenants"));
        PageRequest page = PageRequest.parse(ctx, MAX_LIMIT);
        int limit = page.limit() == 0 ? MAX_LIMIT : page.limit();
        String sortKey = "created_at";
        boolean ascending = false;
        String sort = ctx.queryParam("sort");
        if (sort != null) {
            String[] parts = sort.split(",")[0].split(":");
            sortKey = parts[0];
            ascending = parts.length > 1 && parts[1].equals("asc");
        } else {
            sortKey = ctx.queryParamAsClass("sort_key", String.class).getOrDefault(sortKey);
            ascending = "asc".equals(ctx.queryParam("sort_dir"));
        }
        if (!SORT_KEYS.contains(sortKey)) {
            throw OpenStackException.badRequest("Invalid input received: Invalid sort key " + shorten(sortKey));
        }
        String name = ctx.queryParam("name");
        String status = ctx.queryParam("status");
        List<Volume> matching = new ArrayList<>();
        for (Volume volume : volumes.table.ordered(allProjects ? null : auth.projectId()).descendingMap().values()) {
            if ((name == null || name.equals(volume.name())) && (status == null || status.equalsIgnoreCase(volume.status()))) {
                matching.add(volume);
            }
        }
        if (!sortKey.equals("created_at") || ascending) {
            Comparator<Volume> order = sortOrder(sortKey).thenComparing(Volume::id);
            matching.sort(ascending ? order : order.reversed());
        }
        int start = 0;
        if (page.marker() != null) {
            start = -1;
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).id().equals(page.marker())) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw OpenStackException.notFound("Marker " + page.marker() + " could not be found.");
            }
        }
        List<Volume> selected = matching.subList(start, Math.min(matching.size(), start + limit));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("volumes");
        selected.forEach(volume -> array.add(detail ? views.detail(ctx, auth, version, volume) : views.summary(ctx, volume)));
        if (selected.size() == limit && !selected.isEmpty()) {
            body.putArray("volumes_links").addObject()
                    .put("href", page.nextHref(ctx, selected.getLast().id()))
                    .put("rel", "next");
        }
        if (version.atLeast(3, 45) && isTrue(ctx.queryParam("with_count"))) {
            body.put("count", matching.size());
        }
        Responses.json(ctx, 200, body);
    }

    private static Comparator<Volume> sortOrder(String key) {
        Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
        return switch (key) {
            case "updated_at" -> Comparator.comparing(Volume::updatedAt);
            case "id" -> Comparator.comparing(Volume::id);
            case "name" -> Comparator.comparing(Volume::name, text);
            case "status" -> Comparator.comparing(Volume::status);
            case "size" -> Comparator.comparingInt(Volume::size);
            case "availability_zone" -> Comparator.comparing(Volume::availabilityZone);
            default -> Comparator.comparing(Volume::createdAt);
        };
    }

    private void create(Context ctx, AuthContext auth, ApiVersion version) {
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "volume");
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!CREATE_FIELDS.contains(field)) {
                throw OpenStackException.badRequest("Invalid input for field/attribute volume. Additional properties are not allowed ('"
                        + shorten(field) + "' was unexpected)");
            }
        }
        int size = size(body);
        String zone = Fields.optionalString(body, "availability_zone").orElse(zones.getFirst());
        if (!zones.contains(zone)) {
            throw OpenStackException.badRequest("Invalid input received: Availability zone '" + shorten(zone) + "' is invalid.");
        }
        VolumeType type = Fields.optionalString(body, "volume_type")
                .map(name -> volumes.types().byNameOrId(name).filter(t -> t.isPublic() || auth.isAdmin())
                        .orElseThrow(() -> OpenStackException.notFound("Volume type with name " + shorten(name) + " could not be found.")))
                .orElse(volumes.types().defaultType());
        for (String unsupported : List.of("snapshot_id", "source_volid", "backup_id", "group_id", "consistencygroup_id")) {
            if (Fields.optionalString(body, unsupported).isPresent()) {
                throw OpenStackException.badRequest("Invalid input received: this site does not create volumes from "
                        + unsupported.replace("_id", "").replace("_volid", " volumes") + "s");
            }
        }
        if (Fields.optionalBoolean(body, "multiattach").orElse(false)) {
            throw OpenStackException.badRequest("Invalid input received: multiattach volumes are not supported by this site");
        }
        Map<String, String> imageMetadata = Fields.optionalString(body, "imageRef")
                .map(id -> Volumes.imageMetadata(images.bootable(auth.projectId(), auth.isAdmin(), id)
                        .orElseThrow(() -> OpenStackException.badRequest("Invalid image identifier or unable to access requested image."))))
                .orElse(Map.of());
        String name = Fields.optionalString(body, "name").or(() -> Fields.optionalString(body, "display_name")).orElse(null);
        String description = Fields.optionalString(body, "description")
                .or(() -> Fields.optionalString(body, "display_description")).orElse(null);
        Volume volume = volumes.create(auth.projectId(), auth.userId(), name, description, size, zone, type.id(), imageMetadata,
                metadata(body));
        Responses.json(ctx, 202, Json.object().set("volume", views.detail(ctx, auth, version, volume)));
    }

    private static int size(ObjectNode body) {
        JsonNode size = body.get("size");
        if (size == null || size.isNull()) {
            throw OpenStackException.badRequest("Invalid input for field/attribute size. Value: None. None is not of type 'integer', 'string'");
        }
        int value;
        if (size.isIntegralNumber() && size.canConvertToInt()) {
            value = size.intValue();
        } else if (size.isTextual() && size.textValue().matches("\\d{1,9}")) {
            value = Integer.parseInt(size.textValue());
        } else {
            throw OpenStackException.badRequest("Invalid input for field/attribute size. Value: " + shorten(size.toString())
                    + ". " + shorten(size.toString()) + " is not of type 'integer', 'string'");
        }
        if (value < 1) {
            throw OpenStackException.badRequest("Invalid input for field/attribute size. Value: " + value + ". "
                    + value + " is less than the minimum of 1");
        }
        return value;
    }

    private static Map<String, String> metadata(ObjectNode body) {
        Map<String, String> metadata = Fields.optionalStringMap(body, "metadata").orElse(Map.of());
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 255 || value.length() > 255) {
                throw OpenStackException.badRequest("Invalid input for field/attribute metadata. Value: " + shorten(key)
                        + ". keys and values must be 1-255 characters");
            }
        });
        return metadata;
    }

    private Volume visible(AuthContext auth, String id) {
        return volumes.find(id)
                .filter(volume -> auth.isAdmin() || volume.projectId().equals(auth.projectId()))
                .orElseThrow(() -> Volumes.notFound(id));
    }

    private void show(Context ctx, AuthContext auth, ApiVersion version) {
        Responses.json(ctx, 200, Json.object().set("volume", views.detail(ctx, auth, version, visible(auth, ctx.pathParam("id")))));
    }

    private void update(Context ctx, AuthContext auth, ApiVersion version) {
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "volume");
        Volume current = visible(auth, ctx.pathParam("id"));
        String name = Fields.optionalString(body, "name").or(() -> Fields.optionalString(body, "display_name")).orElse(current.name());
        String description = Fields.optionalString(body, "description")
                .or(() -> Fields.optionalString(body, "display_description")).orElse(current.description());
        Map<String, String> metadata = body.has("metadata") ? metadata(body) : current.metadata();
        volumes.change(current.id(), volume -> volume.with(name, description, metadata, volume.size(), volumes.now()));
        Responses.json(ctx, 200, Json.object().set("volume", views.detail(ctx, auth, version, visible(auth, current.id()))));
    }

    private void delete(Context ctx, AuthContext auth, ApiVersion version) {
        Volume volume = visible(auth, ctx.pathParam("id"));
        volumes.delete(volume.id());
        ctx.status(202);
    }

    /** {@code os-extend} (grow an available volume) and {@code os-reset_status} (administrators). */
    private void action(Context ctx, AuthContext auth, ApiVersion version) {
        ObjectNode body = Json.parseObject(ctx.body());
        Volume volume = visible(auth, ctx.pathParam("id"));
        String action = body.size() == 1 ? body.fieldNames().next() : String.join(",", (Iterable<String>) body::fieldNames);
        switch (action) {
            case "os-extend" -> extend(volume, Fields.requiredObject(body, action));
            case "os-reset_status" -> resetStatus(auth, volume, Fields.requiredObject(body, action));
            default -> throw OpenStackException.badRequest("There is no such action: " + shorten(action));
        }
        ctx.status(202);
    }

    private void extend(Volume volume, ObjectNode arguments) {
        JsonNode newSize = arguments.get("new_size");
        if (newSize == null || !newSize.canConvertToInt()) {
            throw OpenStackException.badRequest("Invalid input for field/attribute new_size.");
        }
        int size = newSize.asInt();
        if (!volume.status().equals(Volume.AVAILABLE)) {
            throw OpenStackException.badRequest("Invalid volume: Volume " + volume.id() + " status must be 'available'");
        }
        if (size <= volume.size()) {
            throw OpenStackException.badRequest("Invalid input received: New size for extend must be greater than current size. (current: "
                    + volume.size() + ", extended: " + size + ").");
        }
        volumes.change(volume.id(), current -> current.with(current.name(), current.description(), current.metadata(), size, volumes.now()));
    }

    private void resetStatus(AuthContext auth, Volume volume, ObjectNode arguments) {
        if (!auth.isAdmin()) {
            throw OpenStackException.forbidden("Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed.");
        }
        String status = Fields.requiredString(arguments, "status");
        if (!Set.of(Volume.AVAILABLE, Volume.ERROR, Volume.IN_USE, Volume.CREATING, Volume.ATTACHING, Volume.DETACHING).contains(status)) {
            throw OpenStackException.badRequest("Must specify a valid status");
        }
        volumes.change(volume.id(), current -> current.withStatus(status,
                status.equals(Volume.AVAILABLE) ? null : current.attachment(), volumes.now()));
    }

    private void zones(Context ctx, AuthContext auth, ApiVersion version) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("availabilityZoneInfo");
        zones.forEach(zone -> list.addObject().put("zoneName", zone).putObject("zoneState").put("available", true));
        Responses.json(ctx, 200, body);
    }

    private static boolean isTrue(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
