package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.compute.Flavor;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.store.compute.Flavors;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /flavors}: public and private flavors (private ones only for projects given access), extra specs and
 * {@code os-flavor-access}. Only administrators create, delete and change them. A change to a flavor that sites hold
 * copies of enqueues {@code flavor.sync} in its transaction, so the copies follow.
 */
final class FlavorHandlers {
    private static final Set<String> CREATE = Set.of("name", "id", "ram", "vcpus", "disk", "OS-FLV-EXT-DATA:ephemeral", "swap",
            "rxtx_factor", "os-flavor-access:is_public", "description");

    private final Flavors flavors;
    private final Jdbi jdbi;
    private final RoutingTable routing;
    private final JobQueue jobs;
    private final Clock clock;

    FlavorHandlers(Flavors flavors, Jdbi jdbi, JobQueue jobs, Clock clock) {
        this.flavors = flavors;
        this.jdbi = jdbi;
        this.routing = new RoutingTable(jdbi);
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Applies a change to a flavor and, in the same transaction, asks for its copies in sites to follow; returns
     * whether the change changed anything (nothing to follow otherwise).
     */
    private boolean change(String flavorId, BooleanSupplier change) {
        return jdbi.inTransaction(h -> {
            boolean changed = change.getAsBoolean();
            if (changed && routing.hasCopies(flavorId, ResourceKind.FLAVOR)) {
                jobs.enqueueUnlessPending(JobSpec.of(JobType.FLAVOR_SYNC, flavorId, null));
            }
            return changed;
        });
    }

    void register(VersionedRoutes<ComputeContext> routes) {
        routes.get("/flavors", (ctx, c) -> list(ctx, c, false));
        routes.get("/flavors/detail", (ctx, c) -> list(ctx, c, true));
        routes.post("/flavors", this::create);
        routes.get("/flavors/{id}", this::show);
        routes.put("/flavors/{id}", this::update);
        routes.delete("/flavors/{id}", this::delete);
        routes.get("/flavors/{id}/os-extra_specs", this::extraSpecs);
        routes.post("/flavors/{id}/os-extra_specs", this::setExtraSpecs);
        routes.get("/flavors/{id}/os-extra_specs/{key}", this::extraSpec);
        routes.put("/flavors/{id}/os-extra_specs/{key}", this::setExtraSpec);
        routes.delete("/flavors/{id}/os-extra_specs/{key}", this::deleteExtraSpec);
        routes.get("/flavors/{id}/os-flavor-access", this::access);
        routes.post("/flavors/{id}/action", this::action);
    }

    /** The flavor if the caller may use it, else Nova's not-found. */
    private Flavor visible(ComputeContext c, String id) {
        return flavors.find(id)
                .filter(f -> f.isPublic() || c.admin() || flavors.hasAccess(f.id(), c.auth().projectId()))
                .orElseThrow(() -> Nova.notFound("Flavor " + Nova.show(id) + " could not be found."));
    }

    private void list(Context ctx, ComputeContext c, boolean detail) {
        Boolean isPublic = true;
        String project = c.admin() ? null : c.auth().projectId();
        if (c.admin()) {
            String text = ctx.queryParam("is_public");
            isPublic = text == null ? Boolean.TRUE : switch (text.toLowerCase(Locale.ROOT)) {
                case "none" -> null;
                case "true", "1", "yes", "t", "y", "on" -> true;
                case "false", "0", "no", "f", "n", "off" -> false;
                default -> throw OpenStackException.badRequest("Invalid is_public filter [" + Nova.show(text) + "]");
            };
        } else {
            isPublic = null;
        }
        List<Flavor> all = flavors.list(project, isPublic, intParam(ctx, "minRam"), intParam(ctx, "minDisk"));
        PageRequest page = PageRequest.parse(ctx, 1000);
        int start = 0;
        if (page.marker() != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(page.marker())) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                throw OpenStackException.badRequest("marker [" + Nova.show(page.marker()) + "] not found");
            }
        }
        List<Flavor> shown = all.subList(start, Math.min(all.size(), start + page.limit()));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("flavors");
        shown.forEach(f -> array.add(detail ? detail(c, f) : summary(c, f)));
        if (ctx.queryParam("limit") != null && page.isFull(shown.size())) {
            body.putArray("flavors_links").addObject().put("rel", "next").put("href", page.nextHref(ctx, shown.getLast().id()));
        }
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, ComputeContext c) {
        Responses.json(ctx, 200, Json.object().set("flavor", detail(c, visible(c, ctx.pathParam("id")))));
    }

    private void create(Context ctx, ComputeContext c) {
        requireAdmin(c, "os_compute_api:os-flavor-manage:create");
        ObjectNode body = Nova.body(ctx, "flavor", CREATE);
        String name = Nova.name(body, "name");
        if (name == null) {
            throw OpenStackException.badRequest("Invalid input for field/attribute flavor. Value: " + Nova.show(body.toString())
                    + ". 'name' is a required property");
        }
        String id = Nova.nullableString(body, "id", 255);
        if (id == null || id.equals("auto")) {
            id = Ids.uuid();
        } else if (id.isEmpty() || !id.matches("[a-zA-Z0-9_. -]+") || !id.strip().equals(id)) {
            throw Nova.invalid("id", body.get("id"), "does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'");
        }
        Integer ram = required(body, "ram", 1);
        Integer vcpus = required(body, "vcpus", 1);
        Integer disk = required(body, "disk", 0);
        Integer ephemeral = Nova.integer(body, "OS-FLV-EXT-DATA:ephemeral", 0, Integer.MAX_VALUE);
        JsonNode swapNode = body.get("swap");
        Integer swap = swapNode != null && swapNode.isTextual() && swapNode.textValue().isEmpty() ? Integer.valueOf(0)
                : Nova.integer(body, "swap", 0, Integer.MAX_VALUE);
        double rxtx = body.has("rxtx_factor") && body.get("rxtx_factor").isNumber() ? body.get("rxtx_factor").doubleValue() : 1.0;
        if (body.has("rxtx_factor") && (!body.get("rxtx_factor").isNumber() || rxtx <= 0)) {
            throw Nova.invalid("rxtx_factor", body.get("rxtx_factor"), "is not a positive number");
        }
        Boolean isPublic = Nova.bool(body, "os-flavor-access:is_public");
        String description = c.atLeast(55) ? Nova.nullableString(body, "description", 65535) : null;
        if (body.has("description") && !c.atLeast(55)) {
            throw OpenStackException.badRequest("Invalid input for field/attribute flavor. Additional properties are not allowed ('description' was unexpected)");
        }
        Flavor flavor = new Flavor(id, name, vcpus, ram, disk, ephemeral == null ? 0 : ephemeral, swap == null ? 0 : swap, rxtx,
                isPublic == null || isPublic, description, Map.of());
        if (flavors.nameTaken(name)) {
            throw OpenStackException.conflict("Flavor with name " + name + " already exists.");
        }
        if (flavors.find(id).isPresent()) {
            throw OpenStackException.conflict("Flavor with ID " + id + " already exists.");
        }
        flavors.insert(flavor, clock.instant());
        Responses.json(ctx, 200, Json.object().set("flavor", detail(c, flavor)));
    }

    private void update(Context ctx, ComputeContext c) {
        if (!c.atLeast(55)) {
            throw new OpenStackException(io.cascadia.core.error.ErrorKind.METHOD_NOT_ALLOWED, "The method is not allowed for the requested URL.");
        }
        requireAdmin(c, "os_compute_api:os-flavor-manage:update");
        Flavor flavor = visible(c, ctx.pathParam("id"));
        ObjectNode body = Nova.body(ctx, "flavor", Set.of("description"));
        if (!body.has("description")) {
            throw OpenStackException.badRequest("Invalid input for field/attribute flavor. 'description' is a required property");
        }
        String description = Nova.nullableString(body, "description", 65535);
        flavors.updateDescription(flavor.id(), description);
        Responses.json(ctx, 200, Json.object().set("flavor", detail(c, flavors.find(flavor.id()).orElseThrow())));
    }

    private void delete(Context ctx, ComputeContext c) {
        requireAdmin(c, "os_compute_api:os-flavor-manage:delete");
        Flavor flavor = visible(c, ctx.pathParam("id"));
        change(flavor.id(), () -> flavors.delete(flavor.id()));
        ctx.status(202);
    }

    private void extraSpecs(Context ctx, ComputeContext c) {
        Flavor flavor = visible(c, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("extra_specs", Json.mapper().valueToTree(new TreeMap<>(flavor.extraSpecs()))));
    }

    private void setExtraSpecs(Context ctx, ComputeContext c) {
        requireAdmin(c, "os_compute_api:os-flavor-extra-specs:create");
        Flavor flavor = visible(c, ctx.pathParam("id"));
        Map<String, String> specs = specs(Json.parseObject(ctx.body()), "extra_specs");
        change(flavor.id(), () -> {
            specs.forEach((key, value) -> flavors.setExtraSpec(flavor.id(), key, value));
            return true;
        });
        Responses.json(ctx, 200, Json.object().set("extra_specs", Json.mapper().valueToTree(new TreeMap<>(specs))));
    }

    private void extraSpec(Context ctx, ComputeContext c) {
        Flavor flavor = visible(c, ctx.pathParam("id"));
        String key = ctx.pathParam("key");
        String value = flavor.extraSpecs().get(key);
        if (value == null) {
            throw Nova.notFound("Flavor " + flavor.id() + " has no extra specs with key " + Nova.show(key) + ".");
        }
        Responses.json(ctx, 200, Json.object().put(key, value));
    }

    private void setExtraSpec(Context ctx, ComputeContext c) {
        requireAdmin(c, "os_compute_api:os-flavor-extra-specs:update");
        Flavor flavor = visible(c, ctx.pathParam("id"));
        String key = ctx.pathParam("key");
        ObjectNode body = Json.parseObject(ctx.body());
        if (body.size() != 1 || !body.has(key)) {
            throw OpenStackException.badRequest("Request body and URI mismatch");
        }
        Map<String, String> specs = specs(Json.object().set("extra_specs", body), "extra_specs");
        change(flavor.id(), () -> {
            flavors.setExtraSpec(flavor.id(), key, specs.get(key));
            return true;
        });
        Responses.json(ctx, 200, Json.object().put(key, specs.get(key)));
    }

    private void deleteExtraSpec(Context ctx, ComputeContext c) {
        requireAdmin(c, "os_compute_api:os-flavor-extra-specs:delete");
        Flavor flavor = visible(c, ctx.pathParam("id"));
        String key = ctx.pathParam("key");
        if (!change(flavor.id(), () -> flavors.deleteExtraSpec(flavor.id(), key))) {
            throw Nova.notFound("Flavor " + flavor.id() + " has no extra specs with key " + Nova.show(key) + ".");
        }
        ctx.status(202);
    }

    private void access(Context ctx, ComputeContext c) {
        requireAdmin(c, "os_compute_api:os-flavor-access");
        Flavor flavor = visible(c, ctx.pathParam("id"));
        if (flavor.isPublic()) {
            throw Nova.notFound("Access list not available for public flavors.");
        }
        Responses.json(ctx, 200, accessList(flavor.id()));
    }

    private void action(Context ctx, ComputeContext c) {
        ObjectNode body = Json.parseObject(ctx.body());
        boolean add = body.has("addTenantAccess");
        if (!add && !body.has("removeTenantAccess")) {
            throw OpenStackException.badRequest("There is no such action: " + Nova.show(String.join(",", (Iterable<String>) body::fieldNames)));
        }
        requireAdmin(c, add ? "os_compute_api:os-flavor-access:add_tenant_access" : "os_compute_api:os-flavor-access:remove_tenant_access");
        Flavor flavor = visible(c, ctx.pathParam("id"));
        ObjectNode action = Nova.body(ctx, add ? "addTenantAccess" : "removeTenantAccess", Set.of("tenant"));
        String tenant = Nova.string(action, "tenant", 1, 255);
        if (tenant == null) {
            throw OpenStackException.badRequest("Invalid input for field/attribute tenant. 'tenant' is a required property");
        }
        if (flavor.isPublic()) {
            throw OpenStackException.conflict("Can not add access to a public flavor.");
        }
        if (add) {
            if (flavors.hasAccess(flavor.id(), tenant)) {
                throw OpenStackException.conflict("Flavor access already exists for flavor " + flavor.id() + " and project "
                        + tenant + " combination.");
            }
            change(flavor.id(), () -> {
                flavors.addAccess(flavor.id(), tenant);
                return true;
            });
        } else if (!change(flavor.id(), () -> flavors.removeAccess(flavor.id(), tenant))) {
            throw Nova.notFound("Flavor access not found for " + flavor.id() + " / " + Nova.show(tenant) + " combination.");
        }
        Responses.json(ctx, 200, accessList(flavor.id()));
    }

    private ObjectNode accessList(String flavorId) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("flavor_access");
        flavors.accessProjects(flavorId).forEach(p -> array.addObject().put("flavor_id", flavorId).put("tenant_id", p));
        return body;
    }

    private ObjectNode summary(ComputeContext c, Flavor flavor) {
        ObjectNode node = Json.object().put("id", flavor.id()).put("name", flavor.name());
        links(c, node, flavor);
        if (c.atLeast(55)) {
            node.put("description", flavor.description());
        }
        return node;
    }

    private ObjectNode detail(ComputeContext c, Flavor flavor) {
        ObjectNode node = Json.object()
                .put("id", flavor.id())
                .put("name", flavor.name())
                .put("ram", flavor.ramMb())
                .put("disk", flavor.diskGb())
                .put("vcpus", flavor.vcpus())
                .put("OS-FLV-EXT-DATA:ephemeral", flavor.ephemeralGb())
                .put("OS-FLV-DISABLED:disabled", false);
        if (flavor.swapMb() == 0) {
            node.put("swap", "");
        } else {
            node.put("swap", flavor.swapMb());
        }
        node.put("rxtx_factor", flavor.rxtxFactor())
                .put("os-flavor-access:is_public", flavor.isPublic());
        links(c, node, flavor);
        if (c.atLeast(55)) {
            node.put("description", flavor.description());
        }
        if (c.atLeast(61)) {
            node.set("extra_specs", Json.mapper().valueToTree(new TreeMap<>(flavor.extraSpecs())));
        }
        return node;
    }

    private static void links(ComputeContext c, ObjectNode node, Flavor flavor) {
        ArrayNode links = node.putArray("links");
        links.addObject().put("rel", "self").put("href", c.self("/flavors/" + flavor.id()));
        links.addObject().put("rel", "bookmark").put("href", c.bookmark("/flavors/" + flavor.id()));
    }

    private static Map<String, String> specs(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isObject()) {
            throw OpenStackException.badRequest("Invalid input for field/attribute " + name + ". Value: "
                    + Nova.show(body.toString()) + ". '" + name + "' is a required property");
        }
        Map<String, String> specs = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey();
            JsonNode item = entry.getValue();
            if (key.isEmpty() || key.length() > 255 || !key.matches("[\\w.:-]+")) {
                throw Nova.invalid(name, value, "has an invalid key " + Nova.show(key));
            }
            String text = item.isTextual() ? item.textValue() : item.isNumber() || item.isBoolean() ? item.asText() : null;
            if (text == null || text.length() > 255) {
                throw Nova.invalid(name + "." + Nova.show(key), item, "is not a string of at most 255 characters");
            }
            specs.put(key, text);
        }
        return specs;
    }

    private static Integer required(JsonNode body, String name, int min) {
        Integer value = Nova.integer(body, name, min, Integer.MAX_VALUE);
        if (value == null) {
            throw OpenStackException.badRequest("Invalid input for field/attribute flavor. Value: " + Nova.show(body.toString())
                    + ". '" + name + "' is a required property");
        }
        return value;
    }

    private static Integer intParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw OpenStackException.badRequest("Invalid " + name + " filter [" + Nova.show(text) + "]");
        }
    }

    static void requireAdmin(ComputeContext c, String rule) {
        if (!c.admin()) {
            throw Nova.policy(rule);
        }
    }
}
