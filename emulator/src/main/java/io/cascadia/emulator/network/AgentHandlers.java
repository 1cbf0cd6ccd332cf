package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.web.AuthContext;
import io.cascadia.web.NeutronQuery;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.Set;

/** {@code /v2.0/agents}: administrators see the agents; Neutron filters them out of everyone else's list. */
final class AgentHandlers {
    private static final Set<String> ATTRIBUTES = Set.of("id", "agent_type", "binary", "topic", "host",
            "admin_state_up", "alive", "availability_zone", "created_at", "started_at", "heartbeat_timestamp",
            "description", "resources_synced", "configurations");

    private final Agents agents;

    AgentHandlers(Agents agents) {
        this.agents = agents;
    }

    void register(Router router) {
        router.get("/v2.0/agents", this::list);
        router.get("/v2.0/agents/{id}", this::show);
        router.put("/v2.0/agents/{id}", this::update);
    }

    private void list(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("agents");
        if (auth.isAdmin()) {
            for (Agents.Agent agent : agents.all()) {
                ObjectNode node = agents.view(agent);
                if (query.matches(node)) {
                    items.add(query.select(node));
                }
            }
        }
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, AuthContext auth) {
        Agents.Agent agent = find(auth, ctx.pathParam("id"));
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Responses.json(ctx, 200, Json.object().set("agent", query.select(agents.view(agent))));
    }

    private void update(Context ctx, AuthContext auth) {
        Agents.Agent agent = find(auth, ctx.pathParam("id"));
        NeutronPolicy.requireAdmin(auth, "update_agent");
        ObjectNode body = NeutronBodies.resource(ctx, "agent", Set.of("admin_state_up", "description"));
        agents.update(agent, NeutronBodies.bool(body, "admin_state_up"), NeutronBodies.limitedString(body, "description", 255));
        Responses.json(ctx, 200, Json.object().set("agent", agents.view(agent)));
    }

    private Agents.Agent find(AuthContext auth, String id) {
        return agents.find(id)
                .filter(agent -> auth.isAdmin())
                .orElseThrow(() -> NeutronErrors.agentNotFound(id));
    }
}
