package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /flavors}: list, detail, show, create and delete (administrators), extra specs, and {@code os-flavor-access}
 * for private flavors, which only administrators and projects given access see.
 */
final class FlavorHandlers {
    private final Flavors flavors;

    FlavorHandlers(Flavors flavors) {
        this.flavors = flavors;
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/flavors", (ctx, request) -> list(ctx, request, false));
        routes.get("/flavors/detail", (ctx, request) -> list(ctx, request, true));
        routes.post("/flavors", this::create);
        routes.get("/flavors/{id}", this::show);
        routes.delete("/flavors/{id}", this::delete);
        routes.get("/flavors/{id}/os-extra_specs", this::extraSpecs);
        routes.post("/flavors/{id}/os-extra_specs", this::setExtraSpecs);
        routes.delete("/flavors/{id}/os-extra_specs/{key}", this::deleteExtraSpec);
        routes.get("/flavors/{id}/os-flavor-access", this::access);
        routes.post("/flavors/{id}/action", this::action);
    }

    private void list(Context ctx, NovaRequest request, boolean detail) {
        PageRequest page = PageRequest.parse(ctx, 1000);
        int limit = page.limit() == 0 ? 1000 : page.limit();
        String isPublic = ctx.queryParam("is_public");
        Boolean publicOnly = request.admin()
                ? (isPublic == null || isPublic.equalsIgnoreCase("none") ? null : isTrue(isPublic))
                : null;
        int minRam = intParam(ctx, "minRam");
        int minDisk = intParam(ctx, "minDisk");
        if (page.marker() != null && flavors.find(page.marker()).isEmpty()) {
            throw OpenStackException.badRequest("marker [" + page.marker() + "] not found");
        }
        List<Flavor> selected = new ArrayList<>();
        for (Flavor flavor : flavors.all()) {
            if (page.marker() != null && flavor.id().compareTo(page.marker()) <= 0) {
                continue;
            }
            if ((publicOnly != null && flavor.isPublic() != publicOnly) || flavor.ramMb() < minRam || flavor.diskGb() < minDisk
                    || !usable(request, flavor)) {
                continue;
            }
            selected.add(flavor);
            if (selected.size() == limit) {
                break;
            }
        }
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("flavors");
        selected.forEach(flavor -> array.add(detail ? view(ctx, request, flavor) : summary(ctx, request, flavor)));
        if (selected.size() == limit) {
            body.putArray("flavors_links").addObject()
                    .put("href", page.nextHref(ctx, selected.getLast().id()))
                    .put("rel", "next");
        }
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, NovaRequest request) {
        Flavor flavor = found(ctx.pathParam("id"));
        if (!usable(request, flavor)) {
            throw OpenStackException.notFound("Flavor " + flavor.id() + " could not be found.");
        }
        Responses.json(ctx, 200, Json.object().set("flavor", view(ctx, request, flavor)));
    }

    private boolean usable(NovaRequest request, Flavor flavor) {
        return flavor.isPublic() || request.admin() || flavors.hasAccess(flavor.id(), request.projectId());
    }

    private void create(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-flavor-manage:create");
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "flavor");
        String name = Fields.checkLength("name", Fields.requiredString(body, "name").strip(), 1, 255);
        String id = id(body);
        Flavor flavor = new Flavor(id, name,
                positive(body, "vcpus", 1), positive(body, "ram", 1), positive(body, "disk", 0),
                positive(body, "OS-FLV-EXT-DATA:ephemeral", 0, 0), positive(body, "swap", 0, 0),
                Optional.ofNullable(body.get("rxtx_factor")).map(JsonNode::asDouble).orElse(1.0),
                Fields.optionalBoolean(body, "os-flavor-access:is_public").orElse(true), false,
                request.atLeast(55) ? Fields.optionalString(body, "description").orElse(null) : null, Map.of());
        flavors.add(flavor);
        Responses.json(ctx, 200, Json.object().set("flavor", view(ctx, request, flavor)));
    }

    private static String id(ObjectNode body) {
        JsonNode id = body.get("id");
        if (id == null || id.isNull() || id.asText().equals("auto")) {
            return Ids.uuid();
        }
        String text = id.asText();
        if (!text.matches("[a-zA-Z0-9_.\\- ]{1,255}")) {
            throw OpenStackException.badRequest("Invalid input for field/attribute id. Value: " + shorten(text)
                    + ". '" + shorten(text) + "' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'");
        }
        return text;
    }

    private static int positive(ObjectNode body, String field, int minimum) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw Fields.missing(field);
        }
        return positiveValue(field, value, minimum);
    }

    private static int positive(ObjectNode body, String field, int minimum, int fallback) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? fallback : positiveValue(field, value, minimum);
    }

    private static int positiveValue(String field, JsonNode value, int minimum) {
        int number;
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            number = value.intValue();
        } else if (value.isTextual() && value.textValue().matches("\\d{1,9}")) {
            number = Integer.parseInt(value.textValue());
        } else {
            throw OpenStackException.badRequest("Invalid input for field/attribute " + field + ". Value: "
                    + shorten(value.toString()) + ". " + shorten(value.toString()) + " is not of type 'integer', 'string'");
        }
        if (number < minimum) {
            throw OpenStackException.badRequest("Invalid input for field/attribute " + field + ". Value: " + number
                    + ". " + number + " is less than the minimum of " + minimum);
        }
        return number;
    }

    private void delete(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-flavor-manage:delete");
        flavors.remove(ctx.pathParam("id"));
        ctx.status(202);
    }

    private void extraSpecs(Context ctx, NovaRequest request) {
        ObjectNode body = Json.object();
        ObjectNode specs = body.putObject("extra_specs");
        found(ctx.pathParam("id")).extraSpecs().forEach(specs::put);
        Responses.json(ctx, 200, body);
    }

    private void setExtraSpecs(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-flavor-extra-specs:create");
        Flavor flavor = found(ctx.pathParam("id"));
        Map<String, String> given = Fields.optionalStringMap(Json.parseObject(ctx.body()), "extra_specs")
                .orElseThrow(() -> Fields.missing("extra_specs"));
        Map<String, String> merged = new TreeMap<>(flavor.extraSpecs());
        merged.putAll(given);
        flavors.replace(new Flavor(flavor.id(), flavor.name(), flavor.vcpus(), flavor.ramMb(), flavor.diskGb(),
                flavor.ephemeralGb(), flavor.swapMb(), flavor.rxtxFactor(), flavor.isPublic(), flavor.disabled(),
                flavor.description(), Map.copyOf(merged)));
        ObjectNode body = Json.object();
        ObjectNode specs = body.putObject("extra_specs");
        given.forEach(specs::put);
        Responses.json(ctx, 200, body);
    }

    private void deleteExtraSpec(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-flavor-extra-specs:delete");
        Flavor flavor = found(ctx.pathParam("id"));
        String key = ctx.pathParam("key");
        if (!flavor.extraSpecs().containsKey(key)) {
            throw OpenStackException.notFound("Flavor " + flavor.id() + " has no extra specs with key " + shorten(key) + ".");
        }
        Map<String, String> remaining = new TreeMap<>(flavor.extraSpecs());
        remaining.remove(key);
        flavors.replace(new Flavor(flavor.id(), flavor.name(), flavor.vcpus(), flavor.ramMb(), flavor.diskGb(),
                flavor.ephemeralGb(), flavor.swapMb(), flavor.rxtxFactor(), flavor.isPublic(), flavor.disabled(),
                flavor.description(), Map.copyOf(remaining)));
        ctx.status(202);
    }

    private void access(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-flavor-access");
        Flavor flavor = found(ctx.pathParam("id"));
        if (flavor.isPublic()) {
            throw OpenStackException.notFound("Access list not available for public flavors.");
        }
        Responses.json(ctx, 200, accessList(flavor.id()));
    }

    /** {@code addTenantAccess} and {@code removeTenantAccess} of a private flavor. */
    private void action(Context ctx, NovaRequest request) {
        ObjectNode body = Json.parseObject(ctx.body());
        String action = body.size() == 1 ? body.fieldNames().next() : "";
        if (!action.equals("addTenantAccess") && !action.equals("removeTenantAccess")) {
            throw OpenStackException.badRequest("There is no such action: " + shorten(action));
        }
        boolean add = action.equals("addTenantAccess");
        NovaPolicy.requireAdmin(request, add ? "os_compute_api:os-flavor-access:add_tenant_access"
                : "os_compute_api:os-flavor-access:remove_tenant_access");
        Flavor flavor = found(ctx.pathParam("id"));
        String tenant = Fields.requiredString(Fields.requiredObject(body, action), "tenant");
        if (flavor.isPublic()) {
            throw OpenStackException.conflict("Can not add access to a public flavor.");
        }
        if (add) {
            flavors.addAccess(flavor.id(), tenant);
        } else {
            flavors.removeAccess(flavor.id(), tenant);
        }
        Responses.json(ctx, 200, accessList(flavor.id()));
    }

    private ObjectNode accessList(String flavorId) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("flavor_access");
        flavors.access(flavorId).forEach(project -> array.addObject().put("flavor_id", flavorId).put("tenant_id", project));
        return body;
    }

    private Flavor found(String id) {
        return flavors.find(id).orElseThrow(() -> OpenStackException.notFound("Flavor " + id + " could not be found."));
    }

    private static ObjectNode summary(Context ctx, NovaRequest request, Flavor flavor) {
        ObjectNode node = Json.object().put("id", flavor.id()).put("name", flavor.name());
        node.set("links", ComputeLinks.of(ctx, "flavors", flavor.id()));
        if (request.atLeast(55)) {
            node.put("description", flavor.description());
        }
        return node;
    }

    static ObjectNode view(Context ctx, NovaRequest request, Flavor flavor) {
        ObjectNode node = Json.object()
                .put("id", flavor.id())
                .put("name", flavor.name())
                .put("ram", flavor.ramMb())
                .put("disk", flavor.diskGb())
                .put("vcpus", flavor.vcpus());
        if (request.atLeast(75) || flavor.swapMb() != 0) {
            node.put("swap", flavor.swapMb());
        } else {
            node.put("swap", "");
        }
        node.put("OS-FLV-EXT-DATA:ephemeral", flavor.ephemeralGb())
                .put("OS-FLV-DISABLED:disabled", flavor.disabled())
                .put("os-flavor-access:is_public", flavor.isPublic())
                .put("rxtx_factor", flavor.rxtxFactor());
        node.set("links", ComputeLinks.of(ctx, "flavors", flavor.id()));
        if (request.atLeast(55)) {
            node.put("description", flavor.description());
        }
        if (request.atLeast(61)) {
            ObjectNode specs = node.putObject("extra_specs");
            flavor.extraSpecs().forEach(specs::put);
        }
        return node;
    }

    private static int intParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw OpenStackException.badRequest("Invalid " + name + " filter [" + shorten(text) + "]");
        }
    }

    private static boolean isTrue(String value) {
        return value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("t");
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
