package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.emulator.network.IpAddresses.Address;
import io.cascadia.web.AuthContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Routers: interfaces (by subnet, taking the subnet's gateway address, or by port), the external gateway, and
 * static routes whose next hop must lie on a network the router is attached to. Router ports are bound to the
 * site's L3 agent host.
 */
final class Routers {
    static final Set<String> CREATE_ATTRIBUTES = Set.of("name", "description", "admin_state_up", "external_gateway_info",
            "distributed", "ha", "availability_zone_hints", "project_id", "tenant_id");
    static final Set<String> UPDATE_ATTRIBUTES = Set.of("name", "description", "admin_state_up", "external_gateway_info",
            "routes", "distributed", "ha");

    /** What {@code add_router_interface} and {@code remove_router_interface} answer. */
    record InterfaceInfo(String routerId, String projectId, String portId, String networkId, List<String> subnetIds) {
    }

    private final NeutronState state;
    private final Networks networks;
    private final Ports ports;
    private final PortAddresses addressing;

    Routers(NeutronState state, Networks networks, Ports ports) {
        this.state = state;
        this.networks = networks;
        this.ports = ports;
        this.addressing = new PortAddresses(state);
    }

    Router visible(AuthContext auth, String id) {
        return state.routers.find(id)
                .filter(router -> NeutronPolicy.owns(auth, router.projectId()))
                .orElseThrow(() -> NeutronErrors.routerNotFound(id));
    }

    Router create(AuthContext auth, ObjectNode body) {
        String projectId = NeutronPolicy.targetProject(auth, NeutronBodies.string(body, "project_id")
                .or(() -> NeutronBodies.string(body, "tenant_id")), "router");
        boolean distributed = adminOnlyFlag(auth, body, "distributed");
        boolean ha = adminOnlyFlag(auth, body, "ha");
        NeutronBodies.stringList(body, "availability_zone_hints");
        return state.write(() -> {
            Instant now = state.now();
            String id = Ids.uuid();
            Router.Gateway gateway = gateway(auth, body, id, projectId, null);
            Router router = new Router(id, state.strings.of(projectId),
                    NeutronBodies.limitedString(body, "name", 255).orElse(""),
                    NeutronBodies.limitedString(body, "description", 255).orElse(""),
                    NeutronBodies.bool(body, "admin_state_up").orElse(true), gateway, List.of(), distributed, ha,
                    List.of(), now, now, 1);
            state.routers.put(router);
            return router;
        });
    }

    private static boolean adminOnlyFlag(AuthContext auth, ObjectNode body, String name) {
        Optional<Boolean> value = NeutronBodies.bool(body, name);
        if (value.isPresent()) {
            NeutronPolicy.requireAdmin(auth, "create_router:" + name);
        }
        return value.orElse(false);
    }

    Router update(AuthContext auth, String id, ObjectNode body) {
        return state.write(() -> {
            Router current = visible(auth, id);
            Router.Gateway gateway = body.has("external_gateway_info")
                    ? gateway(auth, body, id, current.projectId(), current.gateway())
                    : current.gateway();
            List<Router.Route> routes = body.has("routes") ? routes(body) : current.routes();
            Router candidate = current.with(
                    NeutronBodies.limitedString(body, "name", 255).orElse(current.name()),
                    NeutronBodies.limitedString(body, "description", 255).orElse(current.description()),
                    NeutronBodies.bool(body, "admin_state_up").orElse(current.adminStateUp()),
                    gateway, routes,
                    body.has("distributed") ? adminOnlyFlag(auth, body, "distributed") : current.distributed(),
                    body.has("ha") ? adminOnlyFlag(auth, body, "ha") : current.ha(),
                    state.now());
            checkRoutes(candidate);
            state.routers.put(candidate);
            return candidate;
        });
    }

    /** Adds or removes routes ({@code add_extraroutes} / {@code remove_extraroutes}) without replacing the rest. */
    Router changeRoutes(AuthContext auth, String id, ObjectNode body, boolean add) {
        return state.write(() -> {
            Router current = visible(auth, id);
            LinkedHashSet<Router.Route> routes = new LinkedHashSet<>(current.routes());
            if (add) {
                routes.addAll(routes(body));
            } else {
                routes(body).forEach(routes::remove);
            }
            Router candidate = current.with(current.name(), current.description(), current.adminStateUp(),
                    current.gateway(), List.copyOf(routes), current.distributed(), current.ha(), state.now());
            checkRoutes(candidate);
            state.routers.put(candidate);
            return candidate;
        });
    }

    void delete(AuthContext auth, String id) {
        state.writeVoid(() -> {
            Router router = visible(auth, id);
            boolean hasInterfaces = state.portIdsOfDevice(id).stream()
                    .map(portId -> state.ports.find(portId).orElse(null))
                    .anyMatch(port -> port != null && port.deviceOwner().equals(Ports.OWNER_ROUTER_INTERFACE));
            if (hasInterfaces) {
                throw NeutronErrors.conflict("RouterInUse", "Router " + id + " still has ports");
            }
            if (router.gateway() != null) {
                state.ports.find(router.gateway().portId()).ifPresent(state::removePort);
            }
            state.routers.remove(id);
        });
    }

    InterfaceInfo addInterface(AuthContext auth, String id, ObjectNode body) {
        NeutronBodies.checkAttributes(body, Set.of("subnet_id", "port_id"));
        Optional<String> subnetId = NeutronBodies.string(body, "subnet_id");
        Optional<String> portId = NeutronBodies.string(body, "port_id");
        if (subnetId.isPresent() == portId.isPresent()) {
            throw NeutronErrors.badRequest("Bad router request: Either subnet_id or port_id must be specified.");
        }
        return state.write(() -> {
            Router router = visible(auth, id);
            Port port;
            if (subnetId.isPresent()) {
                Subnet subnet = state.subnets.find(subnetId.get())
                        .filter(s -> NeutronPolicy.canSee(auth, s, state.networks.find(s.networkId()).orElse(null)))
                        .orElseThrow(() -> NeutronErrors.subnetNotFound(subnetId.get()));
                if (subnet.gatewayIp() == null) {
                    throw NeutronErrors.badRouterRequest("Subnet for router interface must have a gateway IP");
                }
                checkNewSubnet(router, subnet);
                Network network = state.networks.find(subnet.networkId()).orElseThrow();
                port = ports.createRouterPort(subnet.projectId(), network, List.of(addressing.take(subnet, subnet.gatewayIp())),
                        router.id(), Ports.OWNER_ROUTER_INTERFACE);
            } else {
                Port candidate = ports.visible(auth, portId.get());
                if (!candidate.deviceId().isEmpty()) {
                    throw NeutronErrors.conflict("PortInUse", "Unable to complete operation on port " + candidate.id()
                            + " for network " + candidate.networkId() + ". Port already has an attached device "
                            + candidate.deviceId() + ".");
                }
                if (candidate.fixedIps().isEmpty()) {
                    throw NeutronErrors.badRouterRequest("Router port must have at least one fixed IP");
                }
                for (FixedIp ip : candidate.fixedIps()) {
                    checkNewSubnet(router, state.subnets.find(ip.subnetId()).orElseThrow());
                }
                port = ports.attachToRouter(candidate, router.id());
            }
            touch(router);
            return info(router, port);
        });
    }

    InterfaceInfo removeInterface(AuthContext auth, String id, ObjectNode body) {
        NeutronBodies.checkAttributes(body, Set.of("subnet_id", "port_id"));
        Optional<String> subnetId = NeutronBodies.string(body, "subnet_id");
        Optional<String> portId = NeutronBodies.string(body, "port_id");
        if (subnetId.isEmpty() && portId.isEmpty()) {
            throw NeutronErrors.badRequest("Bad router request: Either subnet_id or port_id must be specified.");
        }
        return state.write(() -> {
            Router router = visible(auth, id);
            Port port = interfaces(router).stream()
                    .filter(p -> portId.map(p.id()::equals).orElse(true))
                    .filter(p -> subnetId.map(s -> p.fixedIps().stream().anyMatch(ip -> ip.subnetId().equals(s))).orElse(true))
                    .findFirst()
                    .orElseThrow(() -> portId.isPresent()
                            ? NeutronErrors.notFound("RouterInterfaceNotFound", "Router " + id
                                    + " does not have an interface with id " + portId.get())
                            : NeutronErrors.notFound("RouterInterfaceNotFoundForSubnet", "Router " + id
                                    + " has no interface on subnet " + subnetId.get()));
            for (Router.Route route : router.routes()) {
                Address nexthop = IpAddresses.parse(route.nexthop()).orElseThrow();
                boolean needed = port.fixedIps().stream()
                        .map(ip -> state.subnets.find(ip.subnetId()).orElse(null))
                        .anyMatch(subnet -> subnet != null && subnet.cidr().contains(nexthop));
                if (needed) {
                    throw NeutronErrors.conflict("RouterInterfaceInUseByRoute", "Router interface for subnet "
                            + port.fixedIps().getFirst().subnetId() + " on router " + id
                            + " cannot be deleted, as it is required by one or more routes.");
                }
            }
            state.removePort(port);
            touch(router);
            return info(router, port);
        });
    }

    /** The router's interface ports. */
    List<Port> interfaces(Router router) {
        List<Port> result = new ArrayList<>();
        for (String portId : state.portIdsOfDevice(router.id())) {
            state.ports.find(portId).filter(p -> p.deviceOwner().equals(Ports.OWNER_ROUTER_INTERFACE)).ifPresent(result::add);
        }
        return result;
    }

    private void touch(Router router) {
        state.routers.put(router.with(router.name(), router.description(), router.adminStateUp(), router.gateway(),
                router.routes(), router.distributed(), router.ha(), state.now()));
    }

    private static InterfaceInfo info(Router router, Port port) {
        return new InterfaceInfo(router.id(), router.projectId(), port.id(), port.networkId(),
                port.fixedIps().stream().map(FixedIp::subnetId).distinct().toList());
    }

    private void checkNewSubnet(Router router, Subnet subnet) {
        for (Port existing : interfaces(router)) {
            for (FixedIp ip : existing.fixedIps()) {
                Subnet attached = state.subnets.find(ip.subnetId()).orElse(null);
                if (attached == null) {
                    continue;
                }
                if (attached.id().equals(subnet.id())) {
                    throw NeutronErrors.badRouterRequest("Router already has a port on subnet " + subnet.id());
                }
                if (attached.cidr().overlaps(subnet.cidr())) {
                    throw NeutronErrors.badRouterRequest("Cidr " + subnet.cidr().text() + " of subnet " + subnet.id()
                            + " overlaps with cidr " + attached.cidr().text() + " of subnet " + attached.id());
                }
            }
        }
    }

    /** Sets, replaces or clears the external gateway, creating or deleting its port. Runs under the write lock. */
    private Router.Gateway gateway(AuthContext auth, ObjectNode body, String routerId, String projectId,
                                   Router.Gateway current) {
        JsonNode info = body.get("external_gateway_info");
        if (info == null || info.isNull() || (info.isObject() && info.isEmpty())) {
            if (current != null) {
                state.ports.find(current.portId()).ifPresent(state::removePort);
            }
            return null;
        }
        if (!info.isObject()) {
            throw NeutronErrors.invalidAttribute("external_gateway_info", "'" + NeutronBodies.shorten(info.toString())
                    + "' is not a dictionary");
        }
        ObjectNode gatewayInfo = (ObjectNode) info;
        NeutronBodies.checkAttributes(gatewayInfo, Set.of("network_id", "enable_snat", "external_fixed_ips"));
        String networkId = NeutronBodies.string(gatewayInfo, "network_id")
                .orElseThrow(() -> NeutronErrors.invalidAttribute("external_gateway_info", "network_id is required"));
        boolean snat = NeutronBodies.bool(gatewayInfo, "enable_snat").orElse(true);
        if (gatewayInfo.has("enable_snat")) {
            NeutronPolicy.requireAdmin(auth, "update_router:external_gateway_info:enable_snat");
        }
        Network network = networks.visible(auth, networkId);
        if (!network.external()) {
            throw NeutronErrors.badRouterRequest("Network " + networkId + " is not an external network");
        }
        if (current != null && current.networkId().equals(networkId) && !gatewayInfo.has("external_fixed_ips")) {
            return new Router.Gateway(networkId, snat, current.portId(), current.externalFixedIps());
        }
        List<FixedIp> addresses = new ArrayList<>();
        List<ObjectNode> requested = NeutronBodies.objectList(gatewayInfo, "external_fixed_ips").orElse(List.of());
        if (!requested.isEmpty()) {
            NeutronPolicy.requireAdmin(auth, "update_router:external_gateway_info:external_fixed_ips");
        }
        for (ObjectNode request : requested) {
            NeutronBodies.checkAttributes(request, Set.of("subnet_id", "ip_address"));
            Subnet subnet = NeutronBodies.string(request, "subnet_id")
                    .flatMap(state.subnets::find)
                    .filter(s -> s.networkId().equals(networkId))
                    .orElseThrow(() -> NeutronErrors.badRouterRequest("external_fixed_ips must name a subnet of network " + networkId));
            Optional<String> ip = NeutronBodies.string(request, "ip_address");
            addresses.addAll(ip.isPresent()
                    ? List.of(addressing.take(subnet, Subnets.parseAddress("external_fixed_ips", ip.get()).text()))
                    : addressing.allocate(network, subnet));
        }
        if (requested.isEmpty()) {
            addresses.addAll(addressing.allocate(network, null));
        }
        if (current != null) {
            state.ports.find(current.portId()).ifPresent(state::removePort);
        }
        Port port = ports.createRouterPort("", network, addresses, routerId, Ports.OWNER_ROUTER_GATEWAY);
        return new Router.Gateway(networkId, snat, port.id(), List.copyOf(addresses));
    }

    private static List<Router.Route> routes(ObjectNode body) {
        JsonNode given = body.get("routes");
        if (given == null || given.isNull()) {
            return List.of();
        }
        List<ObjectNode> entries = NeutronBodies.objectList(body, "routes").orElse(List.of());
        List<Router.Route> routes = new ArrayList<>();
        for (ObjectNode entry : entries) {
            NeutronBodies.checkAttributes(entry, Set.of("destination", "nexthop"));
            String destination = NeutronBodies.string(entry, "destination").orElse("");
            Cidr cidr = Cidr.parse(destination).orElseThrow(() -> NeutronErrors.invalidAttribute("routes",
                    "'" + NeutronBodies.shorten(destination) + "' is not a valid IP subnet"));
            Address nexthop = Subnets.parseAddress("routes", NeutronBodies.string(entry, "nexthop").orElse(""));
            routes.add(new Router.Route(cidr.text(), nexthop.text()));
        }
        return List.copyOf(new LinkedHashSet<>(routes));
    }

    /** Every next hop must be on a subnet the router is attached to, and must not be the router's own address. */
    private void checkRoutes(Router router) {
        List<FixedIp> own = new ArrayList<>();
        interfaces(router).forEach(port -> own.addAll(port.fixedIps()));
        if (router.gateway() != null) {
            own.addAll(router.gateway().externalFixedIps());
        }
        for (Router.Route route : router.routes()) {
            Address nexthop = IpAddresses.parse(route.nexthop()).orElseThrow();
            if (own.stream().anyMatch(ip -> ip.ipAddress().equals(nexthop.text()))) {
                throw invalidRoute(route, "the nexthop is used by router");
            }
            boolean connected = own.stream()
                    .map(ip -> state.subnets.find(ip.subnetId()).orElse(null))
                    .anyMatch(subnet -> subnet != null && subnet.cidr().contains(nexthop));
            if (!connected) {
                throw invalidRoute(route, "the nexthop is not connected with router");
            }
        }
    }

    private static RuntimeException invalidRoute(Router.Route route, String reason) {
        return NeutronErrors.invalid("InvalidRoutes", "Invalid format for routes: [{'destination': '"
                + route.destination() + "', 'nexthop': '" + route.nexthop() + "'}], " + reason + ".");
    }
}
