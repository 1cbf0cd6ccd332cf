package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.web.AuthContext;
import io.cascadia.web.NeutronQuery;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code /v2.0/ports}. Lists filtered by {@code network_id} or {@code device_id} read only those ports through an
 * index; {@code fixed_ips=ip_address=...} / {@code subnet_id=...} filter on addresses as Neutron does.
 */
final class PortHandlers {
    private static final Set<String> ATTRIBUTES = NeutronLists.filterable(Set.of("id", "name", "network_id", "tenant_id",
            "project_id", "mac_address", "admin_state_up", "status", "device_id", "device_owner", "fixed_ips",
            "allowed_address_pairs", "security_groups", "description", "port_security_enabled", "ip_allocation",
            "binding:vnic_type", "binding:host_id", "binding:profile", "binding:vif_type", "binding:vif_details",
            "created_at", "updated_at", "revision_number"));

    private final NeutronState state;
    private final Ports ports;
    private final NeutronViews views;
    private final FaultPlan faults;

    PortHandlers(NeutronState state, Ports ports, NeutronViews views, FaultPlan faults) {
        this.state = state;
        this.ports = ports;
        this.views = views;
        this.faults = faults;
    }

    void register(Router router) {
        router.get("/v2.0/ports", this::list);
        router.post("/v2.0/ports", this::create);
        router.get("/v2.0/ports/{id}", this::show);
        router.put("/v2.0/ports/{id}", this::update);
        router.delete("/v2.0/ports/{id}", this::delete);
    }

    private void list(Context ctx, AuthContext auth) {
        NeutronQuery full = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Predicate<Port> addresses = addressFilter(full.filter("fixed_ips"));
        NeutronQuery query = full.without(Set.of("fixed_ips"));
        Responses.json(ctx, 200, NeutronLists.answer(ctx, new NeutronLists.Request<>("ports", query,
                candidates(query),
                port -> NeutronPolicy.canSee(auth, port, state.networks.find(port.networkId()).orElse(null)),
                addresses, port -> views.port(port, auth.isAdmin()))));
    }

    /** The narrowest index for the filters: one network's or one device's ports, else all ports. */
    private Function<String, Iterable<Port>> candidates(NeutronQuery query) {
        List<String> networkIds = query.filter("network_id");
        List<String> deviceIds = query.filter("device_id");
        NavigableSet<String> ids;
        if (deviceIds.size() == 1) {
            ids = state.portIdsOfDevice(deviceIds.getFirst());
        } else if (networkIds.size() == 1) {
            ids = state.portIdsOnNetwork(networkIds.getFirst());
        } else {
            return marker -> (marker == null ? state.ports.ordered(null) : state.ports.ordered(null).tailMap(marker, false)).values();
        }
        return marker -> {
            List<Port> list = new ArrayList<>();
            for (String id : marker == null ? ids : ids.tailSet(marker, false)) {
                state.ports.find(id).ifPresent(list::add);
            }
            return list;
        };
    }

    /** {@code fixed_ips=ip_address=10.0.0.5}, {@code fixed_ips=subnet_id=...}: every condition must hold. */
    private static Predicate<Port> addressFilter(List<String> conditions) {
        Predicate<Port> filter = port -> true;
        for (String condition : conditions) {
            int equals = condition.indexOf('=');
            if (equals < 0) {
                throw NeutronErrors.badRequest("Invalid fixed_ips filter: " + NeutronBodies.shorten(condition));
            }
            String key = condition.substring(0, equals);
            String value = condition.substring(equals + 1);
            Predicate<FixedIp> match = switch (key) {
                case "ip_address" -> ip -> ip.ipAddress().equals(value);
                case "subnet_id" -> ip -> ip.subnetId().equals(value);
                case "ip_address_substr" -> ip -> ip.ipAddress().contains(value);
                default -> throw NeutronErrors.badRequest("Invalid fixed_ips filter: " + NeutronBodies.shorten(key));
            };
            filter = filter.and(port -> port.fixedIps().stream().anyMatch(match));
        }
        return filter;
    }

    /** One port ({@code {"port": {...}}}), or several at once ({@code {"ports": [...]}}): all or none, as Neutron. */
    private void create(Context ctx, AuthContext auth) {
        Optional<List<ObjectNode>> bulk = NeutronBodies.resourceList(ctx, "ports", Ports.CREATE_ATTRIBUTES);
        if (bulk.isPresent()) {
            if (faults.nextCreateFails()) {
                throw NeutronErrors.internal();
            }
            ArrayNode created = Json.mapper().createArrayNode();
            ports.createAll(auth, bulk.get()).forEach(port -> created.add(views.port(port, auth.isAdmin())));
            Responses.json(ctx, 201, Json.object().set("ports", created));
            return;
        }
        var body = NeutronBodies.resource(ctx, "port", Ports.CREATE_ATTRIBUTES);
        if (faults.nextCreateFails()) {
            throw NeutronErrors.internal();
        }
        Responses.json(ctx, 201, Json.object().set("port", views.port(ports.create(auth, body), auth.isAdmin())));
    }

    private void show(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Port port = ports.visible(auth, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("port", query.select(views.port(port, auth.isAdmin()))));
    }

    private void update(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "port", Ports.UPDATE_ATTRIBUTES);
        Responses.json(ctx, 200, Json.object().set("port", views.port(ports.update(auth, ctx.pathParam("id"), body), auth.isAdmin())));
    }

    private void delete(Context ctx, AuthContext auth) {
        ports.delete(auth, ctx.pathParam("id"));
        Responses.noContent(ctx);
    }
}
