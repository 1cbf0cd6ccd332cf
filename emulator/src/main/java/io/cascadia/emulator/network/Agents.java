package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.Host;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's Neutron agents: an Open vSwitch agent on every host, with its VXLAN tunnel IP and l2 population on,
 * and an L3 agent on the first host, where router ports are bound. They are always alive; an administrator may
 * set {@code admin_state_up} and {@code description}.
 */
final class Agents {
    private static final DateTimeFormatter AGENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One agent: which kind, on which host. */
    record Agent(String id, String type, String binary, String topic, Host host) {
    }

    /** What an administrator changed on an agent. */
    private record Settings(boolean adminStateUp, String description) {
    }

    private final NeutronState state;
    private final List<Agent> agents;
    private final Instant started;
    private final Map<String, Settings> settings = new ConcurrentHashMap<>();

    Agents(NeutronState state, Instant started) {
        this.state = state;
        this.started = started;
        List<Agent> list = new ArrayList<>();
        for (Host host : state.hosts().values()) {
            list.add(new Agent(host.agentId(), "Open vSwitch agent", "neutron-openvswitch-agent", "N/A", host));
        }
        Host l3 = state.l3Host();
        list.add(new Agent(UUID.nameUUIDFromBytes(("l3-agent:" + l3.name()).getBytes(StandardCharsets.UTF_8)).toString(),
                "L3 agent", "neutron-l3-agent", "l3_agent", l3));
        this.agents = List.copyOf(list);
    }

    List<Agent> all() {
        return agents;
    }

    Optional<Agent> find(String id) {
        return agents.stream().filter(agent -> agent.id().equals(id)).findFirst();
    }

    void update(Agent agent, Optional<Boolean> adminStateUp, Optional<String> description) {
        settings.compute(agent.id(), (id, current) -> {
            Settings base = current != null ? current : new Settings(true, null);
            return new Settings(adminStateUp.orElse(base.adminStateUp()), description.orElse(base.description()));
        });
    }

    ObjectNode view(Agent agent) {
        Settings current = settings.getOrDefault(agent.id(), new Settings(true, null));
        Instant now = state.now();
        ObjectNode node = Json.object()
                .put("id", agent.id())
                .put("agent_type", agent.type())
                .put("binary", agent.binary())
                .put("topic", agent.topic())
                .put("host", agent.host().name())
                .put("admin_state_up", current.adminStateUp())
                .put("alive", true)
                .put("availability_zone", agent.type().equals("L3 agent") ? agent.host().availabilityZone() : null)
                .put("created_at", AGENT_TIME.format(started))
                .put("started_at", AGENT_TIME.format(started))
                .put("heartbeat_timestamp", AGENT_TIME.format(now))
                .put("description", current.description())
                .putNull("resources_synced");
        node.set("configurations", agent.type().equals("L3 agent") ? l3Configuration() : l2Configuration(agent.host()));
        return node;
    }

    private ObjectNode l2Configuration(Host host) {
        ObjectNode configuration = Json.object()
                .put("arp_responder_enabled", true)
                .put("datapath_type", "system")
                .put("devices", state.portIdsOnHost(host.name()).size())
                .put("enable_distributed_routing", false)
                .put("in_distributed_mode", false)
                .put("integration_bridge", "br-int")
                .put("l2_population", true)
                .put("log_agent_heartbeats", false)
                .put("ovs_hybrid_plug", false)
                .put("tunneling_ip", host.tunnelIp());
        configuration.putObject("bridge_mappings");
        configuration.putArray("extensions");
        configuration.putArray("tunnel_types").add("vxlan");
        return configuration;
    }

    private ObjectNode l3Configuration() {
        long routers = state.routers.size();
        long interfaces = state.ports.all().stream().filter(p -> p.deviceOwner().equals(Ports.OWNER_ROUTER_INTERFACE)).count();
        long gateways = state.routers.all().stream().filter(r -> r.gateway() != null).count();
        return Json.object()
                .put("agent_mode", "legacy")
                .put("ex_gw_ports", gateways)
                .put("floating_ips", 0)
                .put("gateway_external_network_id", "")
                .put("handle_internal_only_routers", true)
                .put("interface_driver", "openvswitch")
                .put("interfaces", interfaces)
                .put("log_agent_heartbeats", false)
                .put("routers", routers);
    }
}
