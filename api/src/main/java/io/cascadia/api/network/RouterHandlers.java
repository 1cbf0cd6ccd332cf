package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.Router.Gateway;
import io.cascadia.core.network.Router.Route;
import io.cascadia.store.Filters;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2.0/routers}: routers with an external gateway, interfaces on subnets or ports, and static routes
 * ({@code extraroute} and {@code extraroute-atomic}). {@code distributed} picks the cross-site mode and, as in
 * Neutron, only administrators set it.
 */
final class RouterHandlers {
    static final String INTERFACE_OWNER = "network:router_interface";
    static final String GATEWAY_OWNER = "network:router_gateway";
    private static final int MAX_ROUTES = 30;
    private static final Set<String> CREATE = Set.of("name", "description", "admin_state_up", "distributed",
            "external_gateway_info", "availability_zone_hints", "tenant_id", "project_id", "tags", "ha");
    private static final Set<String> UPDATE = Set.of("name", "description", "admin_state_up", "distributed",
            "external_gateway_info", "routes");
    private static final Map<String, Column> COLUMNS = Map.ofEntries(
            Map.entry("id", Column.text("t.id")), Map.entry("name", Column.text("t.name")),
            Map.entry("tenant_id", Column.text("t.project_id")), Map.entry("project_id", Column.text("t.project_id")),
            Map.entry("admin_state_up", Column.bool("t.admin_state_up")), Map.entry("distributed", Column.bool("t.distributed")),
            Map.entry("status", Column.fixed("ACTIVE")), Map.entry("description", Column.text("t.description")),
            Map.entry("revision_number", Column.integer("t.revision_number")));

    private final NetworkStore store;
    private final PortService ports;
    private final NetworkHandlers networks;
    private final SubnetHandlers subnets;
    private final NetworkQuotas quotas;

    RouterHandlers(NetworkStore store, PortService ports, NetworkHandlers networks, SubnetHandlers subnets, NetworkQuotas quotas) {
        this.store = store;
        this.ports = ports;
        this.networks = networks;
        this.subnets = subnets;
        this.quotas = quotas;
    }

    void register(Router router) {
        router.get("/v2.0/routers", this::list);
        router.post("/v2.0/routers", this::create);
        router.get("/v2.0/routers/{id}", this::show);
        router.put("/v2.0/routers/{id}", this::update);
        router.delete("/v2.0/routers/{id}", this::delete);
        router.put("/v2.0/routers/{id}/add_router_interface", this::addInterface);
        router.put("/v2.0/routers/{id}/remove_router_interface", this::removeInterface);
        router.put("/v2.0/routers/{id}/add_extraroutes", (ctx, auth) -> changeRoutes(ctx, auth, true));
        router.put("/v2.0/routers/{id}/remove_extraroutes", (ctx, auth) -> changeRoutes(ctx, auth, false));
    }

    private io.cascadia.core.network.Router owned(AuthContext auth, String id) {
        return store.repositories().routers().find(id)
                .filter(r -> NetworkPolicy.owns(auth, r.projectId()))
                .orElseThrow(() -> Neutron.routerNotFound(id));
    }

    private void list(Context ctx, AuthContext auth) {
        Filters filters = new Filters();
        if (!auth.isAdmin()) {
            filters.equal("t.project_id", NetworkPolicy.requireProject(auth));
        }
        NeutronLists.Page page = NeutronLists.page(ctx, COLUMNS, Set.of(), filters);
        List<io.cascadia.core.network.Router> routers = store.repositories().routers().list(page.listing());
        List<String> ids = routers.stream().map(io.cascadia.core.network.Router::id).toList();
        Map<String, List<String>> tags = store.repositories().tags().of(ids);
        Map<String, List<FixedIp>> gatewayIps = new java.util.HashMap<>();
        for (Port port : ports.portsOf(ids)) {
            if (port.deviceOwner().equals(GATEWAY_OWNER)) {
                gatewayIps.put(port.deviceId(), port.fixedIps());
            }
        }
        NeutronLists.respond(ctx, "routers", page, routers,
                r -> NetworkViews.router(r, gatewayIps.getOrDefault(r.id(), List.of()), tags.getOrDefault(r.id(), List.of())),
                io.cascadia.core.network.Router::id);
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Neutron.body(ctx, "router", CREATE);
        String owner = NetworkPolicy.ownerFor(auth, body);
        if (body.has("distributed")) {
            NetworkPolicy.requireAdminFor(auth, "create_router", "distributed");
        }
        if (Neutron.bool(body, "ha", false)) {
            throw Neutron.invalidInput("ha routers are not supported by Cascadia");
        }
        Instant now = store.now();
        String id = Ids.uuid();
        List<String> tags = Neutron.strings(body, "tags", 255);
        io.cascadia.core.network.Router router = store.jdbi().inTransaction(h -> {
            quotas.check(owner, "router");
            Gateway gateway = gateway(auth, body, id, null);
            io.cascadia.core.network.Router created = new io.cascadia.core.network.Router(id, owner,
                    Neutron.string(body, "name", "", 255), Neutron.string(body, "description", "", 255),
                    Neutron.bool(body, "admin_state_up", true), Neutron.bool(body, "distributed", false), gateway, List.of(),
                    Neutron.strings(body, "availability_zone_hints", 255), 1, now, now);
            store.repositories().routers().insert(created);
            store.repositories().tags().replace(id, tags);
            return created;
        });
        Responses.json(ctx, 201, Json.object().set("router", render(router)));
    }

    private void show(Context ctx, AuthContext auth) {
        Responses.json(ctx, 200, Json.object().set("router", NeutronLists.selectFields(ctx, render(owned(auth, ctx.pathParam("id"))))));
    }

    private void update(Context ctx, AuthContext auth) {
        io.cascadia.core.network.Router current = owned(auth, ctx.pathParam("id"));
        ObjectNode body = Neutron.body(ctx, "router", UPDATE);
        if (body.has("distributed")) {
            NetworkPolicy.requireAdminFor(auth, "update_router", "distributed");
        }
        io.cascadia.core.network.Router updated = store.jdbi().inTransaction(h -> {
            Gateway gateway = body.has("external_gateway_info") ? gateway(auth, body, current.id(), current.gateway()) : current.gateway();
            List<Route> routes = body.has("routes") ? routes(current.id(), Neutron.objects(body, "routes")) : current.routes();
            io.cascadia.core.network.Router next = new io.cascadia.core.network.Router(current.id(), current.projectId(),
                    Neutron.string(body, "name", current.name(), 255), Neutron.string(body, "description", current.description(), 255),
                    Neutron.bool(body, "admin_state_up", current.adminStateUp()),
                    Neutron.bool(body, "distributed", current.distributed()), gateway, routes, current.availabilityZoneHints(),
                    current.revisionNumber() + 1, current.createdAt(), store.now());
            store.repositories().routers().update(next);
            return next;
        });
        Responses.json(ctx, 200, Json.object().set("router", render(updated)));
    }

    private void changeRoutes(Context ctx, AuthContext auth, boolean add) {
        io.cascadia.core.network.Router current = owned(auth, ctx.pathParam("id"));
        ObjectNode body = Neutron.body(ctx, "router", Set.of("routes"));
        List<Route> changes = add ? routes(current.id(), Neutron.objects(body, "routes")) : parseRoutes(Neutron.objects(body, "routes"));
        LinkedHashSet<Route> routes = new LinkedHashSet<>(current.routes());
        if (add) {
            routes.addAll(changes);
        } else {
            changes.forEach(routes::remove);
        }
        if (routes.size() > MAX_ROUTES) {
            throw Neutron.badRequest("Unable to complete operation for " + current.id() + ". The number of routes exceeds the maximum "
                    + MAX_ROUTES + ".");
        }
        io.cascadia.core.network.Router next = new io.cascadia.core.network.Router(current.id(), current.projectId(), current.name(),
                current.description(), current.adminStateUp(), current.distributed(), current.gateway(), List.copyOf(routes),
                current.availabilityZoneHints(), current.revisionNumber() + 1, current.createdAt(), store.now());
        store.repositories().routers().update(next);
        Responses.json(ctx, 200, Json.object().set("router", render(next)));
    }

    private void delete(Context ctx, AuthContext auth) {
        io.cascadia.core.network.Router router = owned(auth, ctx.pathParam("id"));
        store.jdbi().useTransaction(h -> {
            List<Port> attached = ports.portsOf(List.of(router.id()));
            if (attached.stream().anyMatch(p -> p.deviceOwner().equals(INTERFACE_OWNER))) {
                throw Neutron.conflict("RouterInUse", "Router " + router.id() + " still has ports");
            }
            attached.forEach(ports::delete);
            store.repositories().tags().removeAll(router.id());
            store.repositories().routers().delete(router.id());
        });
        Responses.noContent(ctx);
    }

    private void addInterface(Context ctx, AuthContext auth) {
        io.cascadia.core.network.Router router = owned(auth, ctx.pathParam("id"));
        JsonNode body = interfaceBody(ctx);
        Port port = store.jdbi().inTransaction(h -> {
            List<Port> existing = ports.portsOf(List.of(router.id())).stream()
                    .filter(p -> p.deviceOwner().equals(INTERFACE_OWNER)).toList();
            Port attached;
            if (body.has("port_id")) {
                String portId = Neutron.string(body, "port_id", "", 36);
                Port candidate = ports.find(portId).filter(p -> NetworkPolicy.owns(auth, p.projectId()))
                        .orElseThrow(() -> Neutron.portNotFound(portId));
                if (!candidate.deviceId().isEmpty()) {
                    throw Neutron.conflict("PortInUse", "Unable to complete operation on port " + portId + " for network "
                            + candidate.networkId() + ". Port already has an attached device " + candidate.deviceId() + ".");
                }
                if (candidate.fixedIps().isEmpty()) {
                    throw Neutron.badRequest("Bad router request: Router port must have at least one fixed IP.");
                }
                checkNoOverlap(router.id(), existing, candidate.fixedIps());
                attached = ports.bind(candidate, router.id(), INTERFACE_OWNER);
            } else {
                io.cascadia.core.network.Subnet subnet = subnets.visible(auth, Neutron.string(body, "subnet_id", "", 36));
                if (subnet.gatewayIp() == null) {
                    throw Neutron.badRequest("Bad router request: Subnet for router interface must have a gateway IP.");
                }
                if (existing.stream().anyMatch(p -> p.fixedIps().stream().anyMatch(ip -> ip.subnetId().equals(subnet.id())))) {
                    throw Neutron.badRequest("Bad router request: Router already has a port on subnet " + subnet.id() + ".");
                }
                checkNoOverlap(router.id(), existing, List.of(new FixedIp(subnet.id(), subnet.gatewayIp())));
                Network network = networks.visible(auth, subnet.networkId());
                attached = ports.create(new PortService.NewPort(router.projectId(), network, "", "", true, null,
                        List.of(new PortService.AddressRequest(subnet.id(), subnet.gatewayIp())), router.id(), INTERFACE_OWNER,
                        null, List.of()));
            }
            return attached;
        });
        Responses.json(ctx, 200, interfaceInfo(router, port));
    }

    private void removeInterface(Context ctx, AuthContext auth) {
        io.cascadia.core.network.Router router = owned(auth, ctx.pathParam("id"));
        JsonNode body = interfaceBody(ctx);
        List<Port> interfaces = ports.portsOf(List.of(router.id())).stream()
                .filter(p -> p.deviceOwner().equals(INTERFACE_OWNER)).toList();
        Port port;
        if (body.has("port_id")) {
            String portId = Neutron.string(body, "port_id", "", 36);
            port = interfaces.stream().filter(p -> p.id().equals(portId)).findFirst()
                    .orElseThrow(() -> Neutron.notFound("RouterInterfaceNotFound",
                            "Router " + router.id() + " does not have an interface with id " + Neutron.show(portId)));
        } else {
            String subnetId = Neutron.string(body, "subnet_id", "", 36);
            port = interfaces.stream().filter(p -> p.fixedIps().stream().anyMatch(ip -> ip.subnetId().equals(subnetId))).findFirst()
                    .orElseThrow(() -> Neutron.notFound("RouterInterfaceNotFoundForSubnet",
                            "Router " + router.id() + " has no interface on subnet " + Neutron.show(subnetId)));
        }
        for (FixedIp ip : port.fixedIps()) {
            Cidr cidr = Cidr.parse(store.repositories().subnets().find(ip.subnetId()).orElseThrow().cidr()).orElseThrow();
            for (Route route : router.routes()) {
                if (cidr.contains(Cidr.Address.parse(route.nexthop()).orElseThrow())) {
                    throw Neutron.conflict("RouterInterfaceInUseByRoute", "Router interface for subnet " + ip.subnetId()
                            + " on router " + router.id() + " cannot be deleted, as it is required by one or more routes.");
                }
            }
        }
        ports.delete(port);
        Responses.json(ctx, 200, interfaceInfo(router, port));
    }

    private static JsonNode interfaceBody(Context ctx) {
        ObjectNode body = io.cascadia.core.json.Json.parseObject(ctx.body());
        boolean port = body.hasNonNull("port_id");
        boolean subnet = body.hasNonNull("subnet_id");
        if (port == subnet) {
            throw Neutron.badRequest("Bad router request: Either subnet_id or port_id must be specified.");
        }
        Neutron.string(body, port ? "port_id" : "subnet_id", "", 36);
        return body;
    }

    private ObjectNode interfaceInfo(io.cascadia.core.network.Router router, Port port) {
        ObjectNode info = Json.object()
                .put("id", router.id())
                .put("tenant_id", router.projectId())
                .put("project_id", router.projectId())
                .put("port_id", port.id())
                .put("network_id", port.networkId())
                .put("subnet_id", port.fixedIps().isEmpty() ? null : port.fixedIps().getFirst().subnetId());
        var ids = info.putArray("subnet_ids");
        port.fixedIps().forEach(ip -> ids.add(ip.subnetId()));
        info.putArray("tags");
        return info;
    }

    private void checkNoOverlap(String routerId, List<Port> existing, List<FixedIp> adding) {
        for (FixedIp add : adding) {
            io.cascadia.core.network.Subnet subnet = store.repositories().subnets().find(add.subnetId()).orElseThrow();
            Cidr cidr = Cidr.parse(subnet.cidr()).orElseThrow();
            for (Port port : existing) {
                for (FixedIp ip : port.fixedIps()) {
                    io.cascadia.core.network.Subnet other = store.repositories().subnets().find(ip.subnetId()).orElseThrow();
                    if (Cidr.parse(other.cidr()).orElseThrow().overlaps(cidr)) {
                        throw Neutron.badRequest("Bad router request: Cidr " + subnet.cidr() + " of subnet " + subnet.id()
                                + " overlaps with cidr " + other.cidr() + " of subnet " + other.id() + ".");
                    }
                }
            }
        }
    }

    /** The gateway asked for in the body, making or removing the gateway port; null when the body clears it. */
    private Gateway gateway(AuthContext auth, JsonNode body, String routerId, Gateway current) {
        JsonNode info = body.get("external_gateway_info");
        if (info == null || info.isNull() || (info.isObject() && info.isEmpty())) {
            if (current != null) {
                ports.find(current.portId()).ifPresent(ports::delete);
            }
            return null;
        }
        if (!info.isObject()) {
            throw Neutron.invalid("external_gateway_info", "'" + Neutron.show(info.toString()) + "' is not a dictionary");
        }
        String networkId = Neutron.string(info, "network_id", null, 36);
        if (networkId == null) {
            throw Neutron.invalid("external_gateway_info", "Validation of dictionary's keys failed. Expected keys: {'network_id'}");
        }
        if (info.has("enable_snat")) {
            NetworkPolicy.requireAdminFor(auth, "update_router", "external_gateway_info:enable_snat");
        }
        if (info.has("external_fixed_ips")) {
            NetworkPolicy.requireAdminFor(auth, "update_router", "external_gateway_info:external_fixed_ips");
        }
        Network network = networks.visible(auth, networkId);
        if (!network.external()) {
            throw Neutron.badRequest("Bad router request: Network " + network.id() + " is not an external network.");
        }
        boolean snat = Neutron.bool(info, "enable_snat", true);
        if (current != null && current.networkId().equals(network.id())) {
            return new Gateway(network.id(), snat, current.portId());
        }
        if (current != null) {
            ports.find(current.portId()).ifPresent(ports::delete);
        }
        Port port = ports.create(new PortService.NewPort("", network, "", "", true, null,
                PortHandlers.addressRequests(Json.object().set("fixed_ips", info.has("external_fixed_ips")
                        ? info.get("external_fixed_ips") : Json.mapper().createArrayNode())), routerId, GATEWAY_OWNER, null, List.of()));
        return new Gateway(network.id(), snat, port.id());
    }

    /** Routes as given, each with a next hop on one of the router's interface subnets. */
    private List<Route> routes(String routerId, List<JsonNode> items) {
        List<Route> routes = parseRoutes(items);
        List<Cidr> connected = new ArrayList<>();
        for (Port port : ports.portsOf(List.of(routerId))) {
            for (FixedIp ip : port.fixedIps()) {
                store.repositories().subnets().find(ip.subnetId()).flatMap(s -> Cidr.parse(s.cidr())).ifPresent(connected::add);
            }
        }
        for (Route route : routes) {
            Cidr.Address hop = Cidr.Address.parse(route.nexthop()).orElseThrow();
            if (connected.stream().noneMatch(c -> c.contains(hop))) {
                throw Neutron.badRequest("Invalid format for routes: [{'destination': '" + route.destination() + "', 'nexthop': '"
                        + route.nexthop() + "'}], the nexthop is not connected with router");
            }
        }
        if (routes.size() > MAX_ROUTES) {
            throw Neutron.badRequest("Unable to complete operation for " + routerId + ". The number of routes exceeds the maximum "
                    + MAX_ROUTES + ".");
        }
        return routes;
    }

    private static List<Route> parseRoutes(List<JsonNode> items) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode item : items) {
            String destination = Neutron.string(item, "destination", "", 64);
            String nexthop = Neutron.string(item, "nexthop", "", 64);
            Cidr cidr = Cidr.parse(destination)
                    .orElseThrow(() -> Neutron.invalid("routes", "'" + Neutron.show(destination) + "' is not a valid IP subnet"));
            Cidr.Address hop = Cidr.Address.parse(nexthop)
                    .orElseThrow(() -> Neutron.invalid("routes", "'" + Neutron.show(nexthop) + "' is not a valid IP address"));
            routes.add(new Route(cidr.toString(), hop.toString()));
        }
        return routes;
    }

    private ObjectNode render(io.cascadia.core.network.Router router) {
        List<FixedIp> gatewayIps = router.gateway() == null ? List.of()
                : ports.find(router.gateway().portId()).map(Port::fixedIps).orElse(List.of());
        return NetworkViews.router(router, gatewayIps,
                store.repositories().tags().of(List.of(router.id())).getOrDefault(router.id(), List.of()));
    }
}
