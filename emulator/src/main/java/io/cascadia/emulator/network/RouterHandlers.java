package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.web.AuthContext;
import io.cascadia.web.NeutronQuery;
import io.cascadia.web.Responses;
import io.javalin.http.Context;
import java.util.Set;

/** {@code /v2.0/routers}, with {@code add_router_interface}, {@code remove_router_interface} and the extraroute actions. */
final class RouterHandlers {
    private static final Set<String> ATTRIBUTES = NeutronLists.filterable(Set.of("id", "name", "tenant_id", "project_id",
            "admin_state_up", "status", "external_gateway_info", "routes", "description", "availability_zone_hints",
            "availability_zones", "distributed", "ha", "created_at", "updated_at", "revision_number"));

    private final NeutronState state;
    private final Routers routers;
    private final NeutronViews views;
    private final FaultPlan faults;

    RouterHandlers(NeutronState state, Routers routers, NeutronViews views, FaultPlan faults) {
        this.state = state;
        this.routers = routers;
        this.views = views;
        this.faults = faults;
    }

    void register(io.cascadia.web.Router router) {
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

    private void list(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Responses.json(ctx, 200, NeutronLists.answer(ctx, new NeutronLists.Request<>("routers", query,
                marker -> (marker == null ? state.routers.ordered(null) : state.routers.ordered(null).tailMap(marker, false)).values(),
                r -> NeutronPolicy.owns(auth, r.projectId()), r -> true,
                r -> views.router(r, auth.isAdmin()))));
    }

    private void create(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "router", Routers.CREATE_ATTRIBUTES);
        if (faults.nextCreateFails()) {
            throw NeutronErrors.internal();
        }
        Responses.json(ctx, 201, Json.object().set("router", views.router(routers.create(auth, body), auth.isAdmin())));
    }

    private void show(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, ATTRIBUTES, Integer.MAX_VALUE);
        Router router = routers.visible(auth, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("router", query.select(views.router(router, auth.isAdmin()))));
    }

    private void update(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "router", Routers.UPDATE_ATTRIBUTES);
        Responses.json(ctx, 200, Json.object().set("router", views.router(routers.update(auth, ctx.pathParam("id"), body), auth.isAdmin())));
    }

    private void delete(Context ctx, AuthContext auth) {
        routers.delete(auth, ctx.pathParam("id"));
        Responses.noContent(ctx);
    }

    private void addInterface(Context ctx, AuthContext auth) {
        Responses.json(ctx, 200, info(routers.addInterface(auth, ctx.pathParam("id"), Json.parseObject(ctx.body()))));
    }

    private void removeInterface(Context ctx, AuthContext auth) {
        Responses.json(ctx, 200, info(routers.removeInterface(auth, ctx.pathParam("id"), Json.parseObject(ctx.body()))));
    }

    private void changeRoutes(Context ctx, AuthContext auth, boolean add) {
        var body = NeutronBodies.resource(ctx, "router", Set.of("routes"));
        Responses.json(ctx, 200, Json.object().set("router",
                views.router(routers.changeRoutes(auth, ctx.pathParam("id"), body, add), auth.isAdmin())));
    }

    private static ObjectNode info(Routers.InterfaceInfo info) {
        ObjectNode node = Json.object()
                .put("id", info.routerId())
                .put("tenant_id", info.projectId())
                .put("project_id", info.projectId())
                .put("port_id", info.portId())
                .put("network_id", info.networkId())
                .put("subnet_id", info.subnetIds().isEmpty() ? null : info.subnetIds().getFirst());
        ArrayNode subnetIds = node.putArray("subnet_ids");
        info.subnetIds().forEach(subnetIds::add);
        return node;
    }
}
