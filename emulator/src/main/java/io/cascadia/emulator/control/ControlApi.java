package io.cascadia.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.dataplane.SiteDataplane;
import io.cascadia.emulator.network.L2PopulationTable;
import io.cascadia.emulator.network.PluggedPorts;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.web.ApiModule;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /emulator}: fault injection and inspection of one site, for administrators.
 * <ul>
 *   <li>{@code GET|PUT|DELETE /emulator/faults} — {@code {"faults": {"latency_ms": 200, "create_failure_rate": 0.5}}}
 *   <li>{@code POST /emulator/outage} — {@code {"outage": {"seconds": 10}}}: refuse connections for that long
 *   <li>{@code GET /emulator/agents/{agent id or host}/l2-population} — the agent's FDB and ARP responder entries
 *   <li>{@code GET /emulator/servers/{server id}/dataplane} — the server's namespace, host and interfaces, when the
 *       site runs a real dataplane
 * </ul>
 */
public final class ControlApi implements ApiModule {
    private static final long MAX_OUTAGE_SECONDS = 3600;

    private final FaultPlan faults;
    private final Outages outages;
    private final L2PopulationTable l2Population;
    private final Optional<SiteDataplane> dataplane;

    public ControlApi(FaultPlan faults, Outages outages, L2PopulationTable l2Population, Optional<SiteDataplane> dataplane) {
        this.faults = faults;
        this.outages = outages;
        this.l2Population = l2Population;
        this.dataplane = dataplane;
    }

    @Override
    public Service service() {
        return Service.ADMIN;
    }

    @Override
    public String prefix() {
        return "/emulator";
    }

    @Override
    public void register(Router router) {
        router.get("/faults", this::showFaults);
        router.put("/faults", this::setFaults);
        router.delete("/faults", this::clearFaults);
        router.post("/outage", this::outage);
        router.get("/agents/{agent}/l2-population", this::l2Population);
        router.get("/servers/{server}/dataplane", this::serverDataplane);
    }

    private void serverDataplane(Context ctx, AuthContext auth) {
        requireAdmin(auth, "dataplane");
        String serverId = ctx.pathParam("server");
        SiteDataplane wired = dataplane.orElseThrow(() -> OpenStackException.notFound(
                "This site runs without a dataplane (start the demo with --dataplane)."));
        SiteDataplane.WiredServer server = wired.server(serverId).orElseThrow(() -> OpenStackException.notFound(
                "Server " + serverId + " has no namespace in this site (no ACTIVE port plugged here)."));
        ObjectNode body = Json.object();
        ObjectNode node = body.putObject("dataplane")
                .put("server_id", server.serverId())
                .put("namespace", server.namespace())
                .put("host", server.host())
                .put("host_namespace", server.hostNamespace());
        ArrayNode interfaces = node.putArray("interfaces");
        for (PluggedPorts.Plugged port : server.interfaces()) {
            ObjectNode item = interfaces.addObject()
                    .put("port_id", port.portId())
                    .put("mac_address", port.macAddress())
                    .put("vni", port.vni());
            ArrayNode addresses = item.putArray("addresses");
            port.addresses().forEach(addresses::add);
        }
        Responses.json(ctx, 200, body);
    }

    private void showFaults(Context ctx, AuthContext auth) {
        requireAdmin(auth, "faults");
        Responses.json(ctx, 200, faultsBody());
    }

    private void setFaults(Context ctx, AuthContext auth) {
        requireAdmin(auth, "faults");
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "faults");
        JsonNode latency = body.get("latency_ms");
        JsonNode rate = body.get("create_failure_rate");
        try {
            if (latency != null) {
                if (!latency.canConvertToLong()) {
                    throw Fields.wrongType("latency_ms", latency, "integer");
                }
                faults.latency(Duration.ofMillis(latency.asLong()));
            }
            if (rate != null) {
                if (!rate.isNumber()) {
                    throw Fields.wrongType("create_failure_rate", rate, "number");
                }
                faults.createFailureRate(rate.asDouble());
            }
        } catch (IllegalArgumentException e) {
            throw OpenStackException.badRequest(e.getMessage());
        }
        Responses.json(ctx, 200, faultsBody());
    }

    private void clearFaults(Context ctx, AuthContext auth) {
        requireAdmin(auth, "faults");
        faults.clear();
        Responses.noContent(ctx);
    }

    private void outage(Context ctx, AuthContext auth) {
        requireAdmin(auth, "outage");
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "outage");
        JsonNode seconds = body.get("seconds");
        if (seconds == null || !seconds.canConvertToLong() || seconds.asLong() < 1 || seconds.asLong() > MAX_OUTAGE_SECONDS) {
            throw OpenStackException.badRequest("Invalid input for field 'seconds': an outage lasts 1 to " + MAX_OUTAGE_SECONDS + " seconds");
        }
        outages.outage(Duration.ofSeconds(seconds.asLong()));
        ctx.status(202);
    }

    private void l2Population(Context ctx, AuthContext auth) {
        requireAdmin(auth, "l2_population");
        String agent = ctx.pathParam("agent");
        L2PopulationTable.AgentTable table = l2Population.forAgent(agent)
                .orElseThrow(() -> OpenStackException.notFound("Could not find agent: " + agent + "."));
        ObjectNode body = Json.object();
        ObjectNode node = body.putObject("l2_population")
                .put("agent_id", table.agentId())
                .put("host", table.host())
                .put("tunneling_ip", table.tunnelIp());
        ArrayNode networks = node.putArray("networks");
        for (L2PopulationTable.NetworkEntries network : table.networks()) {
            ObjectNode item = networks.addObject()
                    .put("network_id", network.networkId())
                    .put("network_type", network.networkType());
            if (network.segmentationId() == null) {
                item.putNull("segmentation_id");
            } else {
                item.put("segmentation_id", network.segmentationId());
            }
            ArrayNode flood = item.putArray("flood");
            network.floodVteps().forEach(flood::add);
            ArrayNode entries = item.putArray("fdb");
            for (L2PopulationTable.Entry entry : network.entries()) {
                entries.addObject()
                        .put("port_id", entry.portId())
                        .put("mac_address", entry.macAddress())
                        .put("ip_address", entry.ipAddress())
                        .put("vtep", entry.vtep());
            }
        }
        Responses.json(ctx, 200, body);
    }

    private ObjectNode faultsBody() {
        ObjectNode body = Json.object();
        body.putObject("faults")
                .put("latency_ms", faults.latency().toMillis())
                .put("create_failure_rate", faults.createFailureRate());
        return body;
    }

    private static void requireAdmin(AuthContext auth, String action) {
        if (!auth.isAdmin()) {
            throw OpenStackException.forbidden("You are not authorized to perform the requested action: emulator:" + action + ".");
        }
    }
}
