package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.SecurityGroup;
import io.cascadia.store.Filters;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2.0/ports}. Addresses and MACs are allocated here, at the top, so every site that later holds a copy of
 * the port uses the same ones; caller-given ones are honoured after checking they are valid and free.
 */
final class PortHandlers {
    private static final Set<String> CREATE = Set.of("network_id", "name", "description", "admin_state_up", "mac_address",
            "fixed_ips", "device_id", "device_owner", "security_groups", "port_security_enabled", "tenant_id", "project_id",
            "tags", "allowed_address_pairs");
    private static final Set<String> UPDATE = Set.of("name", "description", "admin_state_up", "fixed_ips", "device_id",
            "device_owner", "security_groups", "port_security_enabled", "allowed_address_pairs");
    private static final Map<String, Column> COLUMNS = Map.ofEntries(
            Map.entry("id", Column.text("t.id")), Map.entry("name", Column.text("t.name")),
            Map.entry("network_id", Column.text("t.network_id")),
            Map.entry("tenant_id", Column.text("t.project_id")), Map.entry("project_id", Column.text("t.project_id")),
            Map.entry("mac_address", Column.text("t.mac_address")), Map.entry("admin_state_up", Column.bool("t.admin_state_up")),
            Map.entry("status", Column.text("t.status")), Map.entry("device_id", Column.text("t.device_id")),
            Map.entry("device_owner", Column.text("t.device_owner")), Map.entry("description", Column.text("t.description")),
            Map.entry("port_security_enabled", Column.bool("t.port_security_enabled")),
            Map.entry("revision_number", Column.integer("t.revision_number")));

    private final NetworkStore store;
    private final PortService ports;
    private final NetworkHandlers networks;
    private final SecurityGroupService securityGroups;

    PortHandlers(NetworkStore store, PortService ports, NetworkHandlers networks, SecurityGroupService securityGroups) {
        this.store = store;
        this.ports = ports;
        this.networks = networks;
        this.securityGroups = securityGroups;
    }

    void register(Router router) {
        router.get("/v2.0/ports", this::list);
        router.post("/v2.0/ports", this::create);
        router.get("/v2.0/ports/{id}", this::show);
        router.put("/v2.0/ports/{id}", this::update);
        router.delete("/v2.0/ports/{id}", this::delete);
    }

    /** The port if the caller owns it or the network it is on, else PortNotFound. */
    Port visible(AuthContext auth, String id) {
        return ports.find(id)
                .filter(p -> NetworkPolicy.owns(auth, p.projectId())
                        || store.repositories().networks().find(p.networkId()).map(n -> NetworkPolicy.owns(auth, n.projectId())).orElse(false))
                .orElseThrow(() -> Neutron.portNotFound(id));
    }

    private void list(Context ctx, AuthContext auth) {
        Filters filters = new Filters();
        if (!auth.isAdmin()) {
            filters.where("(t.project_id = :me or exists (select 1 from network n where n.id = t.network_id and n.project_id = :me))",
                    Map.of("me", NetworkPolicy.requireProject(auth)));
        }
        for (String value : ctx.queryParams("fixed_ips")) {
            fixedIpFilter(filters, value);
        }
        NeutronLists.Page page = NeutronLists.page(ctx, COLUMNS, Set.of("fixed_ips"), filters);
        List<Port> found = store.repositories().ports().list(page.listing());
        Map<String, List<String>> tags = store.repositories().tags().of(found.stream().map(Port::id).toList());
        NeutronLists.respond(ctx, "ports", page, found, p -> NetworkViews.port(p, tags.getOrDefault(p.id(), List.of())), Port::id);
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Neutron.body(ctx, "port", CREATE);
        String owner = NetworkPolicy.ownerFor(auth, body);
        String networkId = Neutron.string(body, "network_id", null, 36);
        if (networkId == null) {
            throw Neutron.badRequest("Failed to parse request. Required attribute 'network_id' not specified");
        }
        checkNoAddressPairs(body);
        Network network = networks.visible(auth, networkId);
        List<PortService.AddressRequest> fixedIps = addressRequests(body);
        String deviceOwner = Neutron.string(body, "device_owner", "", 255);
        List<String> groups = body.has("security_groups") ? groupIds(auth, owner, Neutron.strings(body, "security_groups", 36)) : null;
        securityGroups.ensureDefault(owner);
        List<String> tags = Neutron.strings(body, "tags", 255);
        String deviceId = Neutron.string(body, "device_id", "", 255);
        ports.checkDevice(auth, owner, deviceId);
        Port port = store.jdbi().inTransaction(h -> {
            Port created = ports.create(new PortService.NewPort(owner, network, Neutron.string(body, "name", "", 255),
                    Neutron.string(body, "description", "", 255), Neutron.bool(body, "admin_state_up", true),
                    Neutron.string(body, "mac_address", null, 64), fixedIps, deviceId, deviceOwner, body.has("port_security_enabled") ? Neutron.bool(body, "port_security_enabled", true) : null,
                    groups));
            store.repositories().tags().replace(created.id(), tags);
            return created;
        });
        Responses.json(ctx, 201, Json.object().set("port", NetworkViews.port(port, NetworkHandlers.sorted(tags))));
    }

    private void show(Context ctx, AuthContext auth) {
        Port port = visible(auth, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("port", NeutronLists.selectFields(ctx, render(port))));
    }

    private void update(Context ctx, AuthContext auth) {
        Port current = visible(auth, ctx.pathParam("id"));
        if (!NetworkPolicy.owns(auth, current.projectId())) {
            throw Neutron.policy("update_port");
        }
        ObjectNode body = Neutron.body(ctx, "port", UPDATE);
        checkNoAddressPairs(body);
        boolean security = Neutron.bool(body, "port_security_enabled", current.portSecurityEnabled());
        List<String> groups = body.has("security_groups")
                ? groupIds(auth, current.projectId(), Neutron.strings(body, "security_groups", 36)) : current.securityGroupIds();
        if (!security && !groups.isEmpty() && (body.has("security_groups") || body.has("port_security_enabled"))) {
            throw Neutron.conflict("PortSecurityAndIPRequiredForSecurityGroups",
                    "Port security must be enabled and port must have an IP address in order to use security groups.");
        }
        String deviceId = Neutron.string(body, "device_id", current.deviceId(), 255);
        if (!deviceId.equals(current.deviceId())) {
            ports.checkDevice(auth, current.projectId(), deviceId);
        }
        Port updated = store.jdbi().inTransaction(h -> {
            List<FixedIp> ips = body.has("fixed_ips") ? ports.reallocate(current, addressRequests(body)) : current.fixedIps();
            Port next = new Port(current.id(), current.projectId(), current.networkId(),
                    Neutron.string(body, "name", current.name(), 255), Neutron.string(body, "description", current.description(), 255),
                    Neutron.bool(body, "admin_state_up", current.adminStateUp()), current.status(), current.macAddress(),
                    deviceId, Neutron.string(body, "device_owner", current.deviceOwner(), 255), security, ips,
                    security ? groups : List.of(), current.revisionNumber() + 1, current.createdAt(), store.now());
            store.repositories().ports().update(next);
            ports.changed(current, next);
            return next;
        });
        Responses.json(ctx, 200, Json.object().set("port", render(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        Port port = visible(auth, ctx.pathParam("id"));
        if (!NetworkPolicy.owns(auth, port.projectId())) {
            throw Neutron.policy("delete_port");
        }
        if (port.deviceOwner().equals(RouterHandlers.INTERFACE_OWNER) || port.deviceOwner().equals(RouterHandlers.GATEWAY_OWNER)) {
            throw Neutron.conflict("L3PortInUse", "Port " + port.id() + " cannot be deleted directly via the port API: has device owner "
                    + port.deviceOwner() + ".");
        }
        ports.delete(port);
        Responses.noContent(ctx);
    }

    private ObjectNode render(Port port) {
        return NetworkViews.port(port, store.repositories().tags().of(List.of(port.id())).getOrDefault(port.id(), List.of()));
    }

    private List<String> groupIds(AuthContext auth, String owner, List<String> ids) {
        List<String> result = new ArrayList<>();
        for (String id : ids) {
            SecurityGroup group = store.repositories().securityGroups().find(id)
                    .filter(g -> g.projectId().equals(owner) || auth.isAdmin())
                    .orElseThrow(() -> Neutron.securityGroupNotFound(id));
            result.add(group.id());
        }
        return result;
    }

    private static void checkNoAddressPairs(JsonNode body) {
        if (!Neutron.objects(body, "allowed_address_pairs").isEmpty()) {
            throw Neutron.invalidInput("allowed_address_pairs are not supported by Cascadia");
        }
    }

    static List<PortService.AddressRequest> addressRequests(JsonNode body) {
        List<PortService.AddressRequest> requests = new ArrayList<>();
        for (JsonNode item : Neutron.objects(body, "fixed_ips")) {
            String subnet = Neutron.string(item, "subnet_id", null, 36);
            String ip = Neutron.string(item, "ip_address", null, 64);
            if (subnet == null && ip == null) {
                throw Neutron.invalid("fixed_ips", "Exceeded maximum amount of fixed ips per port or missing subnet_id and ip_address");
            }
            requests.add(new PortService.AddressRequest(subnet, ip));
        }
        return requests;
    }

    private static void fixedIpFilter(Filters filters, String value) {
        int eq = value.indexOf('=');
        String key = eq < 0 ? "" : value.substring(0, eq);
        String wanted = eq < 0 ? "" : value.substring(eq + 1);
        String column = switch (key) {
            case "ip_address" -> "a.ip_address";
            case "subnet_id" -> "a.subnet_id";
            default -> throw Neutron.badRequest("Invalid input for fixed_ips. Reason: '" + Neutron.show(value)
                    + "' is not of the form <attribute>=<value> with attribute ip_address or subnet_id.");
        };
        String name = filters.nextName() + "_ip";
        filters.where("exists (select 1 from ip_allocation a where a.port_id = t.id and " + column + " = :" + name + ")",
                Map.of(name, wanted));
    }
}
