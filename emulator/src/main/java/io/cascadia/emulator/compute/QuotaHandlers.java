package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.compute.ComputeQuotas.Quota;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.Map;

/** {@code /os-quota-sets/{project}} (show, detail, defaults; update and reset by administrators) and {@code /limits}. */
final class QuotaHandlers {
    private final ComputeQuotas quotas;

    QuotaHandlers(ComputeQuotas quotas) {
        this.quotas = quotas;
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/os-quota-sets/{project}", (ctx, request) -> show(ctx, request, false));
        routes.get("/os-quota-sets/{project}/detail", (ctx, request) -> show(ctx, request, true));
        routes.get("/os-quota-sets/{project}/defaults", this::defaults);
        routes.put("/os-quota-sets/{project}", this::update);
        routes.delete("/os-quota-sets/{project}", this::reset);
        routes.get("/limits", this::limits);
    }

    private String project(Context ctx, NovaRequest request) {
        String project = ctx.pathParam("project");
        if (!project.equals(request.projectId())) {
            NovaPolicy.requireAdmin(request, "os_compute_api:os-quota-sets:show");
        }
        return project;
    }

    private void show(Context ctx, NovaRequest request, boolean detail) {
        String project = project(ctx, request);
        ComputeQuotas.Usage usage = quotas.usage(project);
        ObjectNode set = Json.object().put("id", project);
        for (Quota quota : Quota.values()) {
            if (!quota.shownAt(request)) {
                continue;
            }
            int limit = quotas.limit(project, quota);
            if (detail) {
                set.putObject(quota.key).put("in_use", inUse(usage, quota)).put("limit", limit).put("reserved", 0);
            } else {
                set.put(quota.key, limit);
            }
        }
        Responses.json(ctx, 200, Json.object().set("quota_set", set));
    }

    private void defaults(Context ctx, NovaRequest request) {
        ObjectNode set = Json.object().put("id", ctx.pathParam("project"));
        for (Quota quota : Quota.values()) {
            if (quota.shownAt(request)) {
                set.put(quota.key, quota.defaultLimit);
            }
        }
        Responses.json(ctx, 200, Json.object().set("quota_set", set));
    }

    private void update(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-quota-sets:update");
        String project = ctx.pathParam("project");
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "quota_set");
        Map<String, Quota> known = ComputeQuotas.byKey();
        Map<Quota, Integer> limits = new EnumMap<>(Quota.class);
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            if (entry.getKey().equals("force")) {
                continue;
            }
            Quota quota = known.get(entry.getKey());
            if (quota == null || !quota.shownAt(request)) {
                throw OpenStackException.badRequest("Invalid input for field/attribute quota_set. Additional properties are not allowed ('"
                        + entry.getKey() + "' was unexpected)");
            }
            JsonNode value = entry.getValue();
            if (!value.canConvertToInt() || value.asInt() < -1) {
                throw OpenStackException.badRequest("Invalid input for field/attribute " + entry.getKey() + ". Value: "
                        + value + ". " + value + " is less than the minimum of -1");
            }
            limits.put(quota, value.asInt());
        }
        quotas.set(project, limits);
        ObjectNode set = Json.object();
        for (Quota quota : Quota.values()) {
            if (quota.shownAt(request)) {
                set.put(quota.key, quotas.limit(project, quota));
            }
        }
        Responses.json(ctx, 200, Json.object().set("quota_set", set));
    }

    private void reset(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-quota-sets:delete");
        quotas.reset(ctx.pathParam("project"));
        ctx.status(202);
    }

    private void limits(Context ctx, NovaRequest request) {
        String project = request.projectId();
        ComputeQuotas.Usage usage = quotas.usage(project);
        ObjectNode limits = Json.object();
        limits.putArray("rate");
        ObjectNode absolute = limits.putObject("absolute")
                .put("maxServerMeta", quotas.limit(project, Quota.METADATA_ITEMS))
                .put("maxTotalKeypairs", quotas.limit(project, Quota.KEY_PAIRS))
                .put("maxServerGroups", quotas.limit(project, Quota.SERVER_GROUPS))
                .put("maxServerGroupMembers", quotas.limit(project, Quota.SERVER_GROUP_MEMBERS))
                .put("maxTotalCores", quotas.limit(project, Quota.CORES))
                .put("maxTotalInstances", quotas.limit(project, Quota.INSTANCES))
                .put("maxTotalRAMSize", quotas.limit(project, Quota.RAM))
                .put("totalCoresUsed", usage.cores())
                .put("totalInstancesUsed", usage.instances())
                .put("totalRAMUsed", usage.ram())
                .put("totalServerGroupsUsed", 0);
        if (!request.atLeast(36)) {
            absolute.put("maxSecurityGroups", quotas.limit(project, Quota.SECURITY_GROUPS))
                    .put("maxSecurityGroupRules", quotas.limit(project, Quota.SECURITY_GROUP_RULES))
                    .put("maxTotalFloatingIps", quotas.limit(project, Quota.FLOATING_IPS))
                    .put("totalFloatingIpsUsed", 0)
                    .put("totalSecurityGroupsUsed", 0);
        }
        if (!request.atLeast(39)) {
            absolute.put("maxImageMeta", 128);
        }
        if (!request.atLeast(57)) {
            absolute.put("maxPersonality", quotas.limit(project, Quota.INJECTED_FILES))
                    .put("maxPersonalitySize", quotas.limit(project, Quota.INJECTED_FILE_CONTENT_BYTES));
        }
        Responses.json(ctx, 200, Json.object().set("limits", limits));
    }

    private static long inUse(ComputeQuotas.Usage usage, Quota quota) {
        return switch (quota) {
            case INSTANCES -> usage.instances();
            case CORES -> usage.cores();
            case RAM -> usage.ram();
            case FLOATING_IPS, FIXED_IPS, METADATA_ITEMS, INJECTED_FILES, INJECTED_FILE_CONTENT_BYTES,
                 INJECTED_FILE_PATH_BYTES, KEY_PAIRS, SECURITY_GROUPS, SECURITY_GROUP_RULES, SERVER_GROUPS,
                 SERVER_GROUP_MEMBERS -> 0;
        };
    }
}
