package io.cascadia.api.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.store.compute.ServerAddressCache;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.web.ApiModule;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Neutron v2.0 at {@code /networking}: the version document at the root, the API under {@code /v2.0}.
 * {@link #ports()} and {@link #securityGroups()} are how Nova's server create allocates ports centrally.
 */
public final class NetworkApi implements ApiModule {
    private final NetworkStore store;
    private final NetworkQuotas quotas;
    private final PortService ports;
    private final SecurityGroupService securityGroups;
    private final NetworkHandlers networkHandlers;
    private final SubnetHandlers subnetHandlers;
    private final PortHandlers portHandlers;
    private final RouterHandlers routerHandlers;
    private final SecurityGroupHandlers securityGroupHandlers;
    private final SecurityGroupRuleHandlers ruleHandlers;
    private final FloatingIpHandlers floatingIpHandlers;
    private final TagHandlers tagHandlers;
    private final Extensions extensions;

    public NetworkApi(NetworkRepositories repositories, QuotaLimits quotaLimits, SiteZones zones, Clock clock) {
        this.store = new NetworkStore(repositories, quotaLimits, zones, clock, new ServerAddressCache(repositories.jdbi()));
        this.quotas = new NetworkQuotas(store);
        this.ports = new PortService(store, quotas);
        this.securityGroups = new SecurityGroupService(store);
        this.networkHandlers = new NetworkHandlers(store, quotas);
        this.subnetHandlers = new SubnetHandlers(store, networkHandlers, quotas);
        this.portHandlers = new PortHandlers(store, ports, networkHandlers, securityGroups);
        this.routerHandlers = new RouterHandlers(store, ports, networkHandlers, subnetHandlers, quotas);
        this.securityGroupHandlers = new SecurityGroupHandlers(store, securityGroups, quotas);
        this.ruleHandlers = new SecurityGroupRuleHandlers(store, securityGroupHandlers, quotas);
        this.floatingIpHandlers = new FloatingIpHandlers(store, ports, networkHandlers, quotas);
        Map<String, BiFunction<AuthContext, String, String>> owners = Map.of(
                "networks", (auth, id) -> networkHandlers.visible(auth, id).projectId(),
                "subnets", (auth, id) -> subnetHandlers.visible(auth, id).projectId(),
                "ports", (auth, id) -> portHandlers.visible(auth, id).projectId(),
                "routers", (auth, id) -> repositories.routers().find(id).filter(r -> NetworkPolicy.owns(auth, r.projectId()))
                        .orElseThrow(() -> Neutron.routerNotFound(id)).projectId(),
                "security-groups", (auth, id) -> securityGroupHandlers.owned(auth, id).projectId(),
                "floatingips", (auth, id) -> repositories.floatingIps().find(id).filter(f -> NetworkPolicy.owns(auth, f.projectId()))
                        .orElseThrow(() -> Neutron.floatingIpNotFound(id)).projectId());
        this.tagHandlers = new TagHandlers(store, owners);
        this.extensions = new Extensions(store);
    }

    /** Central port allocation, for server creates. */
    public PortService ports() {
        return ports;
    }

    public SecurityGroupService securityGroups() {
        return securityGroups;
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
        router.getPublic("", ctx -> Responses.json(ctx, 200, versions(ctx)));
        router.get("/v2.0", this::resources);
        networkHandlers.register(router);
        subnetHandlers.register(router);
        portHandlers.register(router);
        routerHandlers.register(router);
        securityGroupHandlers.register(router);
        ruleHandlers.register(router);
        floatingIpHandlers.register(router);
        quotas.register(router);
        tagHandlers.register(router);
        extensions.register(router);
    }

    private static ObjectNode versions(Context ctx) {
        ObjectNode body = Json.object();
        ObjectNode version = body.putArray("versions").addObject().put("id", "v2.0").put("status", "CURRENT");
        version.putArray("links").addObject().put("href", base(ctx) + "/v2.0/").put("rel", "self");
        return body;
    }

    private void resources(Context ctx, AuthContext auth) {
        ObjectNode body = Json.object();
        var array = body.putArray("resources");
        for (String[] resource : new String[][] {{"subnet", "subnets"}, {"network", "networks"}, {"port", "ports"},
                {"router", "routers"}, {"security_group", "security-groups"}, {"floatingip", "floatingips"}}) {
            ObjectNode node = array.addObject().put("name", resource[0]).put("collection", resource[1]);
            node.putArray("links").addObject().put("href", base(ctx) + "/v2.0/" + resource[1]).put("rel", "self");
        }
        Responses.json(ctx, 200, body);
    }

    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + "/networking";
    }
}
