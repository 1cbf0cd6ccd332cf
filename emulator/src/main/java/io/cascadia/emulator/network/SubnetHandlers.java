package io.cascadia.emulator.network;

import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.web.AuthContext;
import io.cascadia.web.NeutronQuery;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.Set;

/** {@code /v2.0/subnets}. */
final class SubnetHandlers {
    private static final Set<String> ATTRIBUTES = NeutronLists.filterable(Set.of("id", "name", "tenant_id", "project_id",
            "network_id", "ip_version", "subnetpool_id", "enable_dhcp", "ipv6_ra_mode", "ipv6_address_mode",
            "gateway_ip", "cidr", "allocation_pools", "host_routes", "dns_nameservers", "description", "service_types",
            "segment_id", "created_at", "updated_at", "revision_number"));

    private final NeutronState state;
    private final Subnets subnets;
    private final NeutronViews views;
    private final FaultPlan faults;

    SubnetHandlers(NeutronState state, Subnets subnets, NeutronViews views, FaultPlan faults) {
        this.state = state;
        this.subnets = subnets;
        this.views = views;
        this.faults = faults;
    }

    void register(Router router) {
        router.get("/v2.0/subnets", this::list);
        router.post("/v2.0/subnets", this::create);
        router.get("/v2.0/subnets/{id}", this::show);
        router.put("/v2.0/subnets/{id}", this::update);
        router.delete("/v2.0/subnets/{id}", this::delete);
    }

    private void list(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Responses.json(ctx, 200, NeutronLists.answer(ctx, new NeutronLists.Request<>("subnets", query,
                marker -> (marker == null ? state.subnets.ordered(null) : state.subnets.ordered(null).tailMap(marker, false)).values(),
                subnet -> NeutronPolicy.canSee(auth, subnet, state.networks.find(subnet.networkId()).orElse(null)),
                subnet -> true, views::subnet)));
    }

    private void create(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "subnet", Subnets.CREATE_ATTRIBUTES);
        if (faults.nextCreateFails()) {
            throw NeutronErrors.internal();
        }
        Responses.json(ctx, 201, Json.object().set("subnet", views.subnet(subnets.create(auth, body))));
    }

    private void show(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Responses.json(ctx, 200, Json.object().set("subnet", query.select(views.subnet(subnets.visible(auth, ctx.pathParam("id"))))));
    }

    private void update(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "subnet", Subnets.UPDATE_ATTRIBUTES);
        Responses.json(ctx, 200, Json.object().set("subnet", views.subnet(subnets.update(auth, ctx.pathParam("id"), body))));
    }

    private void delete(Context ctx, AuthContext auth) {
        subnets.delete(auth, ctx.pathParam("id"));
        Responses.noContent(ctx);
    }
}
