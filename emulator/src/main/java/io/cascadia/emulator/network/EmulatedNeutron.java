package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.emulator.runtime.Host;
import io.cascadia.web.ApiModule;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The site's Neutron v2.0 under {@code /networking}: networks with VXLAN segments, subnets, ports with bindings,
 * routers, security groups, agents (an Open vSwitch agent per host, an L3 agent) and l2 population, all in memory.
 */
public final class EmulatedNeutron implements ApiModule {
    private final NeutronState state;
    private final Networks networks;
    private final Subnets subnets;
    private final Ports ports;
    private final L2PopulationTable l2Population;
    private final PluggedPorts pluggedPorts;
    private final NetworkHandlers networkHandlers;
    private final SubnetHandlers subnetHandlers;
    private final PortHandlers portHandlers;
    private final RouterHandlers routerHandlers;
    private final SecurityGroupHandlers securityGroupHandlers;
    private final AgentHandlers agentHandlers;
    private final TagHandlers tagHandlers;
    private final ExtensionHandlers extensionHandlers;
    private final QuotaHandlers quotaHandlers;

    /**
     * @param hosts the site's hosts; the first also runs the L3 agent
     * @param firstVni the first VXLAN id given to networks created without provider attributes
     */
    public EmulatedNeutron(List<Host> hosts, int firstVni, FaultPlan faults, Clock clock) {
        this.state = new NeutronState(hosts, clock, firstVni);
        NeutronViews views = new NeutronViews(state);
        this.networks = new Networks(state);
        this.subnets = new Subnets(state, networks);
        SecurityGroups groups = new SecurityGroups(state);
        this.ports = new Ports(state, networks, groups);
        Routers routers = new Routers(state, networks, ports);
        this.l2Population = new L2PopulationTable(state);
        this.pluggedPorts = new PluggedPorts(state);
        this.networkHandlers = new NetworkHandlers(state, networks, views, faults);
        this.subnetHandlers = new SubnetHandlers(state, subnets, views, faults);
        this.portHandlers = new PortHandlers(state, ports, views, faults);
        this.routerHandlers = new RouterHandlers(state, routers, views, faults);
        this.securityGroupHandlers = new SecurityGroupHandlers(state, groups, views, faults);
        this.agentHandlers = new AgentHandlers(new Agents(state, clock.instant()));
        this.tagHandlers = new TagHandlers(state, networks, subnets, ports, routers, groups);
        this.extensionHandlers = new ExtensionHandlers(state);
        this.quotaHandlers = new QuotaHandlers(state);
    }

    /** The calls Nova makes to give servers their ports. */
    public Ports ports() {
        return ports;
    }

    public L2PopulationTable l2Population() {
        return l2Population;
    }

    /** The server interfaces plugged on the site's hosts, for a dataplane to wire. */
    public PluggedPorts pluggedPorts() {
        return pluggedPorts;
    }

    /** Calls {@code listener} after every port change; it runs under the site's write lock, so it must return at once. */
    public void onPortChange(Runnable listener) {
        state.onPortChange(listener);
    }

    /**
     * Creates a network with one IPv4 subnet exactly as the API does, checks included, but without HTTP or a token:
     * the bulk path benchmarks use to fill sites.
     *
     * @return the network's id
     */
    public String createNetwork(String projectId, String name, String cidr) {
        AuthContext caller = new AuthContext("in-jvm", "in-jvm", "in-jvm", "default", projectId, projectId, "default",
                null, List.of("member", "reader"), Instant.MAX);
        ObjectNode network = Json.object().put("name", name);
        String networkId = networks.create(caller, network).id();
        ObjectNode subnet = Json.object().put("network_id", networkId).put("ip_version", 4).put("cidr", cidr)
                .put("name", name + "-subnet");
        subnets.create(caller, subnet);
        return networkId;
    }

    /** How many ports the site holds. */
    public int portCount() {
        return state.ports.size();
    }

    @Override
    public Service service() {
        return Service.NETWORK;
    }

    @Override
    public String prefix() {
        return "/networking";
    }

    @Override
    public void register(Router router) {
        router.getPublic("/", this::versions);
        networkHandlers.register(router);
        subnetHandlers.register(router);
        portHandlers.register(router);
        routerHandlers.register(router);
        securityGroupHandlers.register(router);
        agentHandlers.register(router);
        tagHandlers.register(router);
        extensionHandlers.register(router);
        quotaHandlers.register(router);
    }

    private void versions(Context ctx) {
        ObjectNode body = Json.object();
        ObjectNode version = body.putArray("versions").addObject().put("id", "v2.0").put("status", "CURRENT");
        version.putArray("links").addObject()
                .put("href", ctx.scheme() + "://" + ctx.host() + prefix() + "/v2.0/")
                .put("rel", "self");
        Responses.json(ctx, 200, body);
    }
}
