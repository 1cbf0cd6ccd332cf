package io.cascadia.emulator.network;

import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.web.AuthContext;
import io.cascadia.web.NeutronQuery;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.Set;

/** {@code /v2.0/networks} and the read-only {@code /v2.0/segments}. */
final class NetworkHandlers {
    private static final Set<String> ATTRIBUTES = NeutronLists.filterable(Set.of("id", "name", "tenant_id", "project_id",
            "admin_state_up", "status", "subnets", "shared", "router:external", "mtu", "port_security_enabled",
            "availability_zone_hints", "availability_zones", "description", "created_at", "updated_at",
            "revision_number", "provider:network_type", "provider:physical_network", "provider:segmentation_id"));
    private static final Set<String> SEGMENT_ATTRIBUTES = NeutronLists.filterable(Set.of("id", "network_id", "name",
            "description", "network_type", "physical_network", "segmentation_id", "created_at", "updated_at",
            "revision_number"));

    private final NeutronState state;
    private final Networks networks;
    private final NeutronViews views;
    private final FaultPlan faults;

    NetworkHandlers(NeutronState state, Networks networks, NeutronViews views, FaultPlan faults) {
        this.state = state;
        this.networks = networks;
        this.views = views;
        this.faults = faults;
    }

    void register(Router router) {
        router.get("/v2.0/networks", this::list);
        router.post("/v2.0/networks", this::create);
        router.get("/v2.0/networks/{id}", this::show);
        router.put("/v2.0/networks/{id}", this::update);
        router.delete("/v2.0/networks/{id}", this::delete);
        router.get("/v2.0/segments", this::listSegments);
        router.get("/v2.0/segments/{id}", this::showSegment);
    }

    private void list(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Responses.json(ctx, 200, NeutronLists.answer(ctx, new NeutronLists.Request<>("networks", query,
                marker -> (marker == null ? state.networks.ordered(null) : state.networks.ordered(null).tailMap(marker, false)).values(),
                network -> NeutronPolicy.canSee(auth, network), network -> true,
                network -> views.network(network, auth.isAdmin()))));
    }

    private void create(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "network", Networks.CREATE_ATTRIBUTES);
        if (faults.nextCreateFails()) {
            throw NeutronErrors.internal();
        }
        Responses.json(ctx, 201, Json.object().set("network", views.network(networks.create(auth, body), auth.isAdmin())));
    }

    private void show(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Network network = networks.visible(auth, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("network", query.select(views.network(network, auth.isAdmin()))));
    }

    private void update(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "network", Networks.UPDATE_ATTRIBUTES);
        Network network = networks.update(auth, ctx.pathParam("id"), body);
        Responses.json(ctx, 200, Json.object().set("network", views.network(network, auth.isAdmin())));
    }

    private void delete(Context ctx, AuthContext auth) {
        networks.delete(auth, ctx.pathParam("id"));
        Responses.noContent(ctx);
    }

    private void listSegments(Context ctx, AuthContext auth) {
        NeutronPolicy.requireAdmin(auth, "get_segment");
        NeutronQuery query = NeutronQuery.parse(ctx, SEGMENT_ATTRIBUTES, Integer.MAX_VALUE);
        var body = NeutronLists.answer(ctx, new NeutronLists.Request<>("segments", query,
                marker -> state.networks.all().stream()
                        .filter(network -> marker == null || network.segment().id().compareTo(marker) > 0)
                        .sorted(Comparator.comparing((Network network) -> network.segment().id()))
                        .toList(),
                network -> true, network -> true, views::segment));
        Responses.json(ctx, 200, body);
    }

    private void showSegment(Context ctx, AuthContext auth) {
        NeutronPolicy.requireAdmin(auth, "get_segment");
        String id = ctx.pathParam("id");
        Network network = state.networks.all().stream()
                .filter(n -> n.segment().id().equals(id))
                .findFirst()
                .orElseThrow(() -> NeutronErrors.segmentNotFound(id));
        Responses.json(ctx, 200, Json.object().set("segment", views.segment(network)));
    }
}
