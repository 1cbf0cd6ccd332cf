package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.Resource;
import io.cascadia.emulator.runtime.ResourceTable;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v2.0/quotas/{project}} and its {@code /details}: the site does not limit Neutron resources, so every
 * limit reads -1 (unlimited), with the project's real usage.
 */
final class QuotaHandlers {
    private final Map<String, ResourceTable<String, ? extends Resource>> counted = new LinkedHashMap<>();

    QuotaHandlers(NeutronState state) {
        counted.put("network", state.networks);
        counted.put("subnet", state.subnets);
        counted.put("port", state.ports);
        counted.put("router", state.routers);
        counted.put("security_group", state.securityGroups);
        counted.put("security_group_rule", state.rules);
    }

    void register(Router router) {
        router.get("/v2.0/quotas/{project}", (ctx, auth) -> show(ctx, auth, false));
        router.get("/v2.0/quotas/{project}/details", (ctx, auth) -> show(ctx, auth, true));
        router.get("/v2.0/quotas/{project}/default", (ctx, auth) -> show(ctx, auth, false));
    }

    private void show(Context ctx, AuthContext auth, boolean details) {
        String project = ctx.pathParam("project");
        if (!NeutronPolicy.owns(auth, project)) {
            throw NeutronErrors.policy("get_quota");
        }
        ObjectNode quota = Json.object();
        for (Map.Entry<String, ResourceTable<String, ? extends Resource>> entry : counted.entrySet()) {
            if (details) {
                quota.putObject(entry.getKey()).put("limit", -1).put("reserved", 0).put("used", entry.getValue().count(project));
            } else {
                quota.put(entry.getKey(), -1);
            }
        }
        for (String other : new String[] {"floatingip", "rbac_policy", "subnetpool"}) {
            if (details) {
                quota.putObject(other).put("limit", -1).put("reserved", 0).put("used", 0);
            } else {
                quota.put(other, -1);
            }
        }
        Responses.json(ctx, 200, Json.object().set("quota", quota));
    }
}
