package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.store.quota.QuotaLocks;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Neutron quotas: per-project limits with Neutron's defaults, checked when a resource is created, and
 * {@code /v2.0/quotas} to read them (own project, or any for admins) and set them (admins).
 */
final class NetworkQuotas {
    static final String SERVICE = "network";
    static final Map<String, Integer> DEFAULTS;

    static {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        defaults.put("network", 100);
        defaults.put("subnet", 100);
        defaults.put("subnetpool", -1);
        defaults.put("port", 500);
        defaults.put("router", 10);
        defaults.put("floatingip", 50);
        defaults.put("security_group", 10);
        defaults.put("security_group_rule", 100);
        defaults.put("rbac_policy", 10);
        DEFAULTS = java.util.Collections.unmodifiableMap(defaults);
    }

    private final NetworkStore store;
    private final QuotaLocks locks;

    NetworkQuotas(NetworkStore store) {
        this.store = store;
        this.locks = new QuotaLocks(store.jdbi());
    }

    void register(Router router) {
        router.get("/v2.0/quotas", this::list);
        router.get("/v2.0/quotas/{project}", (ctx, auth) -> show(ctx, auth, false));
        router.get("/v2.0/quotas/{project}/default", this::defaults);
        router.get("/v2.0/quotas/{project}/details", (ctx, auth) -> show(ctx, auth, true));
        router.put("/v2.0/quotas/{project}", this::update);
        router.delete("/v2.0/quotas/{project}", this::reset);
    }

    /**
     * Refuses one more {@code resource} for the project when it would exceed the limit. Called in the transaction that
     * inserts it: it takes the project's quota lock, so concurrent creates are counted one after the other.
     */
    void check(String projectId, String resource) {
        int limit = limits(projectId).get(resource);
        if (limit < 0) {
            return;
        }
        locks.lock(SERVICE, projectId);
        if (used(projectId, resource) + 1 > limit) {
            throw Neutron.overQuota(resource);
        }
    }

    Map<String, Integer> limits(String projectId) {
        Map<String, Integer> limits = new LinkedHashMap<>(DEFAULTS);
        limits.putAll(store.quotaLimits().overrides(SERVICE, projectId));
        return limits;
    }

    private int used(String projectId, String resource) {
        var r = store.repositories();
        return switch (resource) {
            case "network" -> r.networks().countForProject(projectId);
            case "subnet" -> r.subnets().countForProject(projectId);
            case "port" -> r.ports().countForProject(projectId);
            case "router" -> r.routers().countForProject(projectId);
            case "floatingip" -> r.floatingIps().countForProject(projectId);
            case "security_group" -> r.securityGroups().countForProject(projectId);
            case "security_group_rule" -> r.securityGroups().countRulesForProject(projectId);
            default -> 0;
        };
    }

    private void list(Context ctx, AuthContext auth) {
        if (!auth.isAdmin()) {
            throw Neutron.policy("get_quota");
        }
        ObjectNode body = Json.object();
        body.putArray("quotas");
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, AuthContext auth, boolean details) {
        String project = readableProject(ctx, auth);
        ObjectNode quota = Json.object();
        for (Map.Entry<String, Integer> limit : limits(project).entrySet()) {
            if (details) {
                quota.putObject(limit.getKey()).put("limit", limit.getValue()).put("used", used(project, limit.getKey()))
                        .put("reserved", 0);
            } else {
                quota.put(limit.getKey(), limit.getValue());
            }
        }
        Responses.json(ctx, 200, Json.object().set("quota", quota));
    }

    private void defaults(Context ctx, AuthContext auth) {
        readableProject(ctx, auth);
        ObjectNode quota = Json.object();
        DEFAULTS.forEach(quota::put);
        Responses.json(ctx, 200, Json.object().set("quota", quota));
    }

    private void update(Context ctx, AuthContext auth) {
        String project = ctx.pathParam("project");
        if (!auth.isAdmin()) {
            throw Neutron.policy("update_quota");
        }
        ObjectNode body = Neutron.body(ctx, "quota", Set.copyOf(DEFAULTS.keySet()));
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            changes.put(entry.getKey(), Neutron.integer(body, entry.getKey(), null, -1, Integer.MAX_VALUE));
        }
        store.jdbi().useTransaction(h -> changes.forEach((resource, limit) -> {
            if (limit != null) {
                store.quotaLimits().set(SERVICE, project, resource, limit);
            }
        }));
        ObjectNode quota = Json.object();
        limits(project).forEach(quota::put);
        Responses.json(ctx, 200, Json.object().set("quota", quota));
    }

    private void reset(Context ctx, AuthContext auth) {
        if (!auth.isAdmin()) {
            throw Neutron.policy("delete_quota");
        }
        store.quotaLimits().reset(SERVICE, ctx.pathParam("project"));
        Responses.noContent(ctx);
    }

    private static String readableProject(Context ctx, AuthContext auth) {
        String project = ctx.pathParam("project");
        if (!auth.isAdmin() && !project.equals(auth.projectId())) {
            throw Neutron.policy("get_quota");
        }
        return project;
    }
}
