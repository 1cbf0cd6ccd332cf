package io.cascadia.api.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.Subnet;
import io.cascadia.store.Filters;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v2.0/networks}. Networks live only in the top database until a server needs one in a site. */
final class NetworkHandlers {
    static final int DEFAULT_MTU = 1450;
    private static final Set<String> CREATE = Set.of("name", "admin_state_up", "shared", "router:external", "mtu",
            "description", "port_security_enabled", "availability_zone_hints", "tenant_id", "project_id", "tags", "is_default");
    private static final Set<String> UPDATE = Set.of("name", "admin_state_up", "shared", "router:external", "mtu",
            "description", "port_security_enabled");
    static final Map<String, Column> COLUMNS = Map.ofEntries(
            Map.entry("id", Column.text("t.id")), Map.entry("name", Column.text("t.name")),
            Map.entry("tenant_id", Column.text("t.project_id")), Map.entry("project_id", Column.text("t.project_id")),
            Map.entry("admin_state_up", Column.bool("t.admin_state_up")), Map.entry("shared", Column.bool("t.shared")),
            Map.entry("router:external", Column.bool("t.external")), Map.entry("mtu", Column.integer("t.mtu")),
            Map.entry("status", Column.fixed("ACTIVE")), Map.entry("description", Column.text("t.description")),
            Map.entry("port_security_enabled", Column.bool("t.port_security_enabled")),
            Map.entry("revision_number", Column.integer("t.revision_number")));

    private final NetworkStore store;
    private final NetworkQuotas quotas;

    NetworkHandlers(NetworkStore store, NetworkQuotas quotas) {
        this.store = store;
        this.quotas = quotas;
    }

    void register(Router router) {
        router.get("/v2.0/networks", this::list);
        router.post("/v2.0/networks", this::create);
        router.get("/v2.0/networks/{id}", this::show);
        router.put("/v2.0/networks/{id}", this::update);
        router.delete("/v2.0/networks/{id}", this::delete);
    }

    /** The network if the caller may see it (its own, shared or external), else NetworkNotFound. */
    Network visible(AuthContext auth, String id) {
        return store.repositories().networks().find(id)
                .filter(n -> NetworkPolicy.owns(auth, n.projectId()) || n.shared() || n.external())
                .orElseThrow(() -> Neutron.networkNotFound(id));
    }

    private void list(Context ctx, AuthContext auth) {
        Filters filters = new Filters();
        if (!auth.isAdmin()) {
            filters.where("(t.project_id = :me or t.shared or t.external)", Map.of("me", NetworkPolicy.requireProject(auth)));
        }
        NeutronLists.Page page = NeutronLists.page(ctx, COLUMNS, Set.of(), filters);
        List<Network> networks = store.repositories().networks().list(page.listing());
        List<String> ids = networks.stream().map(Network::id).toList();
        Map<String, List<String>> subnets = subnetIds(ids);
        Map<String, List<String>> tags = store.repositories().tags().of(ids);
        NeutronLists.respond(ctx, "networks", page, networks,
                n -> NetworkViews.network(n, subnets.getOrDefault(n.id(), List.of()), tags.getOrDefault(n.id(), List.of())),
                Network::id);
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Neutron.body(ctx, "network", CREATE);
        String owner = NetworkPolicy.ownerFor(auth, body);
        boolean shared = Neutron.bool(body, "shared", false);
        boolean external = Neutron.bool(body, "router:external", false);
        // clients such as openstack4j always send is_default; only its default, false, is supported
        if (Neutron.bool(body, "is_default", false)) {
            throw Neutron.invalidInput("is_default networks (auto-allocated topology) are not supported by Cascadia");
        }
        if (shared) {
            NetworkPolicy.requireAdminFor(auth, "create_network", "shared");
        }
        if (external) {
            NetworkPolicy.requireAdminFor(auth, "create_network", "router:external");
        }
        Instant now = store.now();
        Network network = new Network(Ids.uuid(), owner, Neutron.string(body, "name", "", 255),
                Neutron.string(body, "description", "", 255), Neutron.bool(body, "admin_state_up", true), shared, external,
                Neutron.integer(body, "mtu", DEFAULT_MTU, 68, 9216), Neutron.bool(body, "port_security_enabled", true),
                Neutron.strings(body, "availability_zone_hints", 255), 1, now, now);
        List<String> tags = Neutron.strings(body, "tags", 255);
        store.jdbi().useTransaction(h -> {
            quotas.check(owner, "network");
            store.repositories().networks().insert(network);
            store.repositories().tags().replace(network.id(), tags);
        });
        Responses.json(ctx, 201, Json.object().set("network", NetworkViews.network(network, List.of(), sorted(tags))));
    }

    private void show(Context ctx, AuthContext auth) {
        Network network = visible(auth, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("network", NeutronLists.selectFields(ctx, render(network))));
    }

    private void update(Context ctx, AuthContext auth) {
        Network current = visible(auth, ctx.pathParam("id"));
        if (!NetworkPolicy.owns(auth, current.projectId())) {
            throw Neutron.policy("update_network");
        }
        ObjectNode body = Neutron.body(ctx, "network", UPDATE);
        if (body.has("shared")) {
            NetworkPolicy.requireAdminFor(auth, "update_network", "shared");
        }
        if (body.has("router:external")) {
            NetworkPolicy.requireAdminFor(auth, "update_network", "router:external");
        }
        Network updated = new Network(current.id(), current.projectId(), Neutron.string(body, "name", current.name(), 255),
                Neutron.string(body, "description", current.description(), 255),
                Neutron.bool(body, "admin_state_up", current.adminStateUp()), Neutron.bool(body, "shared", current.shared()),
                Neutron.bool(body, "router:external", current.external()),
                Neutron.integer(body, "mtu", current.mtu(), 68, 9216),
                Neutron.bool(body, "port_security_enabled", current.portSecurityEnabled()),
                current.availabilityZoneHints(), current.revisionNumber() + 1, current.createdAt(), store.now());
        store.repositories().networks().update(updated);
        Responses.json(ctx, 200, Json.object().set("network", render(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        Network network = visible(auth, ctx.pathParam("id"));
        if (!NetworkPolicy.owns(auth, network.projectId())) {
            throw Neutron.policy("delete_network");
        }
        store.jdbi().useTransaction(h -> {
            List<Port> ports = store.repositories().ports().listForNetwork(network.id());
            if (!ports.isEmpty() || store.repositories().routers().usesNetworkAsGateway(network.id())) {
                throw Neutron.conflict("NetworkInUse", "Unable to complete operation on network " + network.id()
                        + ". There are one or more ports still in use on the network.");
            }
            for (Subnet subnet : store.repositories().subnets().listForNetwork(network.id())) {
                store.repositories().tags().removeAll(subnet.id());
                store.repositories().subnets().delete(subnet.id());
            }
            store.repositories().tags().removeAll(network.id());
            store.repositories().networks().delete(network.id());
        });
        Responses.noContent(ctx);
    }

    ObjectNode render(Network network) {
        return NetworkViews.network(network, subnetIds(List.of(network.id())).getOrDefault(network.id(), List.of()),
                store.repositories().tags().of(List.of(network.id())).getOrDefault(network.id(), List.of()));
    }

    private Map<String, List<String>> subnetIds(List<String> networkIds) {
        Map<String, List<String>> ids = new java.util.HashMap<>();
        for (Subnet subnet : store.repositories().subnets().listForNetworks(networkIds)) {
            ids.computeIfAbsent(subnet.networkId(), k -> new ArrayList<>()).add(subnet.id());
        }
        return ids;
    }

    static List<String> sorted(List<String> tags) {
        return tags.stream().distinct().sorted().toList();
    }
}
