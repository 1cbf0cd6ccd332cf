package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /limits} and {@code /os-quota-sets}: the project's limits and usage, with the fields each microversion has
 * (network quotas leave at 2.36, injected files at 2.57). Only administrators change quotas or read another
 * project's.
 */
final class LimitHandlers {
    private static final Set<String> NETWORK_QUOTAS = Set.of("floating_ips", "fixed_ips", "security_groups", "security_group_rules");
    private static final Set<String> FILE_QUOTAS = Set.of("injected_files", "injected_file_content_bytes", "injected_file_path_bytes");

    private final ComputeQuotas quotas;
    private final QuotaLimits limits;
    private final Servers servers;
    private final Keypairs keypairs;

    LimitHandlers(ComputeQuotas quotas, QuotaLimits limits, Servers servers, Keypairs keypairs) {
        this.quotas = quotas;
        this.limits = limits;
        this.servers = servers;
        this.keypairs = keypairs;
    }

    void register(VersionedRoutes<ComputeContext> routes) {
        routes.get("/limits", this::limits);
        routes.get("/os-quota-sets/{project}", (ctx, c) -> show(ctx, c, false));
        routes.get("/os-quota-sets/{project}/detail", (ctx, c) -> show(ctx, c, true));
        routes.get("/os-quota-sets/{project}/defaults", this::defaults);
        routes.put("/os-quota-sets/{project}", this::update);
        routes.delete("/os-quota-sets/{project}", this::reset);
    }

    private void limits(Context ctx, ComputeContext c) {
        String project = c.project();
        String asked = ctx.queryParam("tenant_id");
        if (asked != null && c.admin()) {
            project = asked;
        }
        Map<String, Integer> limit = quotas.limits(project);
        Servers.Usage usage = servers.usage(project);
        ObjectNode absolute = Json.object()
                .put("maxTotalInstances", limit.get("instances"))
                .put("maxTotalCores", limit.get("cores"))
                .put("maxTotalRAMSize", limit.get("ram"))
                .put("maxServerMeta", limit.get("metadata_items"))
                .put("maxImageMeta", limit.get("metadata_items"))
                .put("maxTotalKeypairs", limit.get("key_pairs"))
                .put("maxServerGroups", limit.get("server_groups"))
                .put("maxServerGroupMembers", limit.get("server_group_members"))
                .put("totalInstancesUsed", usage.instances())
                .put("totalCoresUsed", usage.cores())
                .put("totalRAMUsed", usage.ramMb())
                .put("totalServerGroupsUsed", 0);
        if (!c.atLeast(57)) {
            absolute.put("maxPersonality", limit.get("injected_files"))
                    .put("maxPersonalitySize", limit.get("injected_file_content_bytes"));
        }
        if (!c.atLeast(36)) {
            absolute.put("maxSecurityGroups", limit.get("security_groups"))
                    .put("maxSecurityGroupRules", limit.get("security_group_rules"))
                    .put("maxTotalFloatingIps", limit.get("floating_ips"))
                    .put("totalFloatingIpsUsed", 0)
                    .put("totalSecurityGroupsUsed", 0);
        }
        ObjectNode body = Json.object();
        ObjectNode limits = body.putObject("limits");
        limits.putArray("rate");
        limits.set("absolute", absolute);
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, ComputeContext c, boolean detail) {
        String project = readable(ctx, c, "os_compute_api:os-quota-sets:show");
        ObjectNode set = Json.object().put("id", project);
        Servers.Usage usage = servers.usage(project);
        Map<String, Long> used = Map.of("instances", (long) usage.instances(), "cores", usage.cores(), "ram", usage.ramMb(),
                "key_pairs", (long) keypairs.count(c.auth().userId()));
        for (Map.Entry<String, Integer> entry : visible(c, quotas.limits(project)).entrySet()) {
            if (detail) {
                set.putObject(entry.getKey()).put("in_use", used.getOrDefault(entry.getKey(), 0L))
                        .put("limit", entry.getValue()).put("reserved", 0);
            } else {
                set.put(entry.getKey(), entry.getValue());
            }
        }
        Responses.json(ctx, 200, Json.object().set("quota_set", set));
    }

    private void defaults(Context ctx, ComputeContext c) {
        String project = ctx.pathParam("project");
        ObjectNode set = Json.object().put("id", project);
        visible(c, ComputeQuotas.DEFAULTS).forEach(set::put);
        Responses.json(ctx, 200, Json.object().set("quota_set", set));
    }

    private void update(Context ctx, ComputeContext c) {
        FlavorHandlers.requireAdmin(c, "os_compute_api:os-quota-sets:update");
        String project = ctx.pathParam("project");
        Set<String> allowed = new java.util.HashSet<>(visible(c, ComputeQuotas.DEFAULTS).keySet());
        allowed.add("force");
        ObjectNode body = Nova.body(ctx, "quota_set", allowed);
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            if (!entry.getKey().equals("force")) {
                changes.put(entry.getKey(), Nova.integer(body, entry.getKey(), -1, Integer.MAX_VALUE));
            }
        }
        changes.forEach((resource, limit) -> limits.set(ComputeQuotas.SERVICE, project, resource, limit));
        ObjectNode set = Json.object();
        visible(c, quotas.limits(project)).forEach(set::put);
        Responses.json(ctx, 200, Json.object().set("quota_set", set));
    }

    private void reset(Context ctx, ComputeContext c) {
        FlavorHandlers.requireAdmin(c, "os_compute_api:os-quota-sets:delete");
        limits.reset(ComputeQuotas.SERVICE, ctx.pathParam("project"));
        ctx.status(202);
    }

    private static String readable(Context ctx, ComputeContext c, String rule) {
        String project = ctx.pathParam("project");
        if (!c.admin() && !project.equals(c.auth().projectId())) {
            throw Nova.policy(rule);
        }
        return project;
    }

    private static Map<String, Integer> visible(ComputeContext c, Map<String, Integer> all) {
        Map<String, Integer> shown = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            boolean hidden = (c.atLeast(36) && NETWORK_QUOTAS.contains(key)) || (c.atLeast(57) && FILE_QUOTAS.contains(key));
            if (!hidden) {
                shown.put(key, value);
            }
        });
        return shown;
    }

}
