package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.FloatingIp;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.Subnet;
import io.cascadia.store.Filters;
import io.cascadia.store.Listing;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2.0/floatingips}: addresses of an external network, allocated at the top through a floating port, and
 * associated with a port's fixed address when a router joins the two networks.
 */
final class FloatingIpHandlers {
    static final String FLOATING_OWNER = "network:floatingip";
    private static final Set<String> CREATE = Set.of("floating_network_id", "floating_ip_address", "subnet_id", "port_id",
            "fixed_ip_address", "description", "tenant_id", "project_id", "tags");
    private static final Set<String> UPDATE = Set.of("port_id", "fixed_ip_address", "description");
    private static final Map<String, Column> COLUMNS = Map.ofEntries(
            Map.entry("id", Column.text("t.id")), Map.entry("tenant_id", Column.text("t.project_id")),
            Map.entry("project_id", Column.text("t.project_id")),
            Map.entry("floating_network_id", Column.text("t.floating_network_id")),
            Map.entry("floating_ip_address", Column.text("t.floating_ip_address")),
            Map.entry("fixed_ip_address", Column.text("t.fixed_ip_address")), Map.entry("port_id", Column.text("t.port_id")),
            Map.entry("router_id", Column.text("t.router_id")), Map.entry("status", Column.text("t.status")),
            Map.entry("description", Column.text("t.description")),
            Map.entry("revision_number", Column.integer("t.revision_number")));

    private final NetworkStore store;
    private final PortService ports;
    private final NetworkHandlers networks;
    private final NetworkQuotas quotas;

    FloatingIpHandlers(NetworkStore store, PortService ports, NetworkHandlers networks, NetworkQuotas quotas) {
        this.store = store;
        this.ports = ports;
        this.networks = networks;
        this.quotas = quotas;
    }

    void register(Router router) {
        router.get("/v2.0/floatingips", this::list);
        router.post("/v2.0/floatingips", this::create);
        router.get("/v2.0/floatingips/{id}", this::show);
        router.put("/v2.0/floatingips/{id}", this::update);
        router.delete("/v2.0/floatingips/{id}", this::delete);
    }

    private FloatingIp owned(AuthContext auth, String id) {
        return store.repositories().floatingIps().find(id)
                .filter(f -> NetworkPolicy.owns(auth, f.projectId()))
                .orElseThrow(() -> Neutron.floatingIpNotFound(id));
    }

    private void list(Context ctx, AuthContext auth) {
        Filters filters = new Filters();
        if (!auth.isAdmin()) {
            filters.equal("t.project_id", NetworkPolicy.requireProject(auth));
        }
        NeutronLists.Page page = NeutronLists.page(ctx, COLUMNS, Set.of(), filters);
        Listing listing = page.listing();
        List<FloatingIp> ips = store.repositories().floatingIps().list(listing);
        Map<String, List<String>> tags = store.repositories().tags().of(ips.stream().map(FloatingIp::id).toList());
        NeutronLists.respond(ctx, "floatingips", page, ips, f -> NetworkViews.floatingIp(f, tags.getOrDefault(f.id(), List.of())),
                FloatingIp::id);
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Neutron.body(ctx, "floatingip", CREATE);
        String owner = NetworkPolicy.ownerFor(auth, body);
        String networkId = Neutron.string(body, "floating_network_id", null, 36);
        if (networkId == null) {
            throw Neutron.badRequest("Failed to parse request. Required attribute 'floating_network_id' not specified");
        }
        if (body.has("floating_ip_address")) {
            NetworkPolicy.requireAdminFor(auth, "create_floatingip", "floating_ip_address");
        }
        Network network = networks.visible(auth, networkId);
        if (!network.external()) {
            throw Neutron.badRequest("Bad floatingip request: Network " + network.id() + " is not a valid external network.");
        }
        String subnetId = Neutron.string(body, "subnet_id", null, 36);
        String address = Neutron.string(body, "floating_ip_address", null, 64);
        String id = Ids.uuid();
        Instant now = store.now();
        List<String> tags = Neutron.strings(body, "tags", 255);
        FloatingIp ip = store.jdbi().inTransaction(h -> {
            quotas.check(owner, "floatingip");
            List<PortService.AddressRequest> wanted = subnetId == null && address == null ? List.of()
                    : List.of(new PortService.AddressRequest(subnetId, address));
            Port floatingPort = ports.create(new PortService.NewPort("", network, "", "", true, null, wanted, id,
                    FLOATING_OWNER, null, List.of()));
            FixedIp floating = floatingPort.fixedIps().stream().filter(f -> !f.ipAddress().contains(":")).findFirst()
                    .orElseThrow(() -> Neutron.conflict("IpAddressGenerationFailure",
                            "No more IP addresses available on network " + network.id() + "."));
            FloatingIp created = new FloatingIp(id, owner, network.id(), floating.ipAddress(), floatingPort.id(), null, null,
                    null, "DOWN", Neutron.string(body, "description", "", 255), 1, now, now);
            created = associate(auth, created, body);
            store.repositories().floatingIps().insert(created);
            store.repositories().tags().replace(id, tags);
            return created;
        });
        Responses.json(ctx, 201, Json.object().set("floatingip", NetworkViews.floatingIp(ip, NetworkHandlers.sorted(tags))));
    }

    private void show(Context ctx, AuthContext auth) {
        Responses.json(ctx, 200, Json.object().set("floatingip", NeutronLists.selectFields(ctx, render(owned(auth, ctx.pathParam("id"))))));
    }

    private void update(Context ctx, AuthContext auth) {
        FloatingIp current = owned(auth, ctx.pathParam("id"));
        ObjectNode body = Neutron.body(ctx, "floatingip", UPDATE);
        FloatingIp updated = store.jdbi().inTransaction(h -> {
            FloatingIp next = new FloatingIp(current.id(), current.projectId(), current.floatingNetworkId(),
                    current.floatingIpAddress(), current.floatingPortId(), current.portId(), current.fixedIpAddress(),
                    current.routerId(), current.status(), Neutron.string(body, "description", current.description(), 255),
                    current.revisionNumber() + 1, current.createdAt(), store.now());
            if (body.has("port_id")) {
                next = associate(auth, new FloatingIp(next.id(), next.projectId(), next.floatingNetworkId(),
                        next.floatingIpAddress(), next.floatingPortId(), null, null, null, "DOWN", next.description(),
                        next.revisionNumber(), next.createdAt(), next.updatedAt()), body);
            }
            store.repositories().floatingIps().update(next);
            return next;
        });
        Responses.json(ctx, 200, Json.object().set("floatingip", render(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        FloatingIp ip = owned(auth, ctx.pathParam("id"));
        store.jdbi().useTransaction(h -> {
            store.repositories().tags().removeAll(ip.id());
            store.repositories().floatingIps().delete(ip.id());
            ports.find(ip.floatingPortId()).ifPresent(ports::delete);
        });
        Responses.noContent(ctx);
    }

    /**
     * Applies {@code port_id}/{@code fixed_ip_address} of the body: the fixed address must belong to the caller's
     * port, be free of other floating IPs, and be reachable through a router with a gateway on the floating network.
     */
    private FloatingIp associate(AuthContext auth, FloatingIp ip, JsonNode body) {
        String portId = Neutron.nullableString(body, "port_id", null, 36);
        if (portId == null) {
            return ip;
        }
        Port port = ports.find(portId).filter(p -> NetworkPolicy.owns(auth, p.projectId()))
                .orElseThrow(() -> Neutron.portNotFound(portId));
        String wanted = Neutron.string(body, "fixed_ip_address", null, 64);
        FixedIp fixed = port.fixedIps().stream()
                .filter(f -> wanted == null ? !f.ipAddress().contains(":") : f.ipAddress().equals(wanted))
                .findFirst()
                .orElseThrow(() -> Neutron.badRequest("Bad floatingip request: Port " + port.id()
                        + " does not have fixed ip " + (wanted == null ? "of IPv4" : Neutron.show(wanted)) + "."));
        for (FloatingIp other : store.repositories().floatingIps().listForPort(port.id())) {
            if (!other.id().equals(ip.id()) && fixed.ipAddress().equals(other.fixedIpAddress())) {
                throw Neutron.conflict("FloatingIPPortAlreadyAssociated", "Cannot associate floating IP " + ip.floatingIpAddress()
                        + " (" + ip.id() + ") with port " + port.id() + " using fixed IP " + fixed.ipAddress()
                        + ", as that fixed IP already has a floating IP on external network " + other.floatingNetworkId() + ".");
            }
        }
        String routerId = routerBetween(fixed.subnetId(), ip.floatingNetworkId())
                .orElseThrow(() -> Neutron.notFound("ExternalGatewayForFloatingIPNotFound", "External network "
                        + ip.floatingNetworkId() + " is not reachable from subnet " + fixed.subnetId()
                        + ".  Therefore, cannot associate Port " + port.id() + " with a Floating IP."));
        return new FloatingIp(ip.id(), ip.projectId(), ip.floatingNetworkId(), ip.floatingIpAddress(), ip.floatingPortId(),
                port.id(), fixed.ipAddress(), routerId, "DOWN", ip.description(), ip.revisionNumber(), ip.createdAt(),
                ip.updatedAt());
    }

    /** A router with an interface on the subnet and its gateway on the external network. */
    private java.util.Optional<String> routerBetween(String subnetId, String externalNetworkId) {
        Subnet subnet = store.repositories().subnets().find(subnetId).orElseThrow();
        List<Port> onNetwork = store.repositories().ports().listForNetwork(subnet.networkId());
        return onNetwork.stream()
                .filter(p -> p.deviceOwner().equals(RouterHandlers.INTERFACE_OWNER))
                .filter(p -> p.fixedIps().stream().anyMatch(f -> f.subnetId().equals(subnetId)))
                .map(Port::deviceId)
                .filter(routerId -> store.repositories().routers().find(routerId)
                        .map(r -> r.gateway() != null && r.gateway().networkId().equals(externalNetworkId)).orElse(false))
                .findFirst();
    }

    private ObjectNode render(FloatingIp ip) {
        return NetworkViews.floatingIp(ip, store.repositories().tags().of(List.of(ip.id())).getOrDefault(ip.id(), List.of()));
    }
}
