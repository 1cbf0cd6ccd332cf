package io.cascadia.emulator.network;

import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.web.AuthContext;
import io.cascadia.web.NeutronQuery;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.Set;

/** {@code /v2.0/security-groups} and {@code /v2.0/security-group-rules}. */
final class SecurityGroupHandlers {
    private static final Set<String> GROUP_ATTRIBUTES = NeutronLists.filterable(Set.of("id", "name", "tenant_id",
            "project_id", "description", "stateful", "security_group_rules", "created_at", "updated_at", "revision_number"));
    private static final Set<String> RULE_ATTRIBUTES = NeutronLists.filterable(Set.of("id", "tenant_id", "project_id",
            "security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
            "remote_ip_prefix", "remote_group_id", "description", "created_at", "updated_at", "revision_number"));

    private final NeutronState state;
    private final SecurityGroups groups;
    private final NeutronViews views;
    private final FaultPlan faults;

    SecurityGroupHandlers(NeutronState state, SecurityGroups groups, NeutronViews views, FaultPlan faults) {
        this.state = state;
        this.groups = groups;
        this.views = views;
        this.faults = faults;
    }

    void register(Router router) {
        router.get("/v2.0/security-groups", this::list);
        router.post("/v2.0/security-groups", this::create);
        router.get("/v2.0/security-groups/{id}", this::show);
        router.put("/v2.0/security-groups/{id}", this::update);
        router.delete("/v2.0/security-groups/{id}", this::delete);
        router.get("/v2.0/security-group-rules", this::listRules);
        router.post("/v2.0/security-group-rules", this::createRule);
        router.get("/v2.0/security-group-rules/{id}", this::showRule);
        router.delete("/v2.0/security-group-rules/{id}", this::deleteRule);
    }

    private void list(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, GROUP_ATTRIBUTES, Integer.MAX_VALUE);
        groups.ensureDefaultFor(auth);
        Responses.json(ctx, 200, NeutronLists.answer(ctx, new NeutronLists.Request<>("security_groups", query,
                marker -> (marker == null ? state.securityGroups.ordered(null)
                        : state.securityGroups.ordered(null).tailMap(marker, false)).values(),
                group -> NeutronPolicy.owns(auth, group.projectId()), group -> true,
                views::securityGroup)));
    }

    private void create(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "security_group", SecurityGroups.CREATE_ATTRIBUTES);
        if (faults.nextCreateFails()) {
            throw NeutronErrors.internal();
        }
        Responses.json(ctx, 201, Json.object().set("security_group", views.securityGroup(groups.create(auth, body))));
    }

    private void show(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, GROUP_ATTRIBUTES, Integer.MAX_VALUE);
        groups.ensureDefaultFor(auth);
        Responses.json(ctx, 200, Json.object().set("security_group",
                query.select(views.securityGroup(groups.visible(auth, ctx.pathParam("id"))))));
    }

    private void update(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "security_group", SecurityGroups.UPDATE_ATTRIBUTES);
        Responses.json(ctx, 200, Json.object().set("security_group",
                views.securityGroup(groups.update(auth, ctx.pathParam("id"), body))));
    }

    private void delete(Context ctx, AuthContext auth) {
        groups.delete(auth, ctx.pathParam("id"));
        Responses.noContent(ctx);
    }

    private void listRules(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, RULE_ATTRIBUTES, Integer.MAX_VALUE);
        groups.ensureDefaultFor(auth);
        Responses.json(ctx, 200, NeutronLists.answer(ctx, new NeutronLists.Request<>("security_group_rules", query,
                marker -> (marker == null ? state.rules.ordered(null) : state.rules.ordered(null).tailMap(marker, false)).values(),
                rule -> NeutronPolicy.owns(auth, rule.projectId()), rule -> true, views::rule)));
    }

    private void createRule(Context ctx, AuthContext auth) {
        var body = NeutronBodies.resource(ctx, "security_group_rule", SecurityGroups.RULE_ATTRIBUTES);
        Responses.json(ctx, 201, Json.object().set("security_group_rule", views.rule(groups.createRule(auth, body))));
    }

    private void showRule(Context ctx, AuthContext auth) {
        NeutronQuery query = NeutronQuery.parse(ctx, RULE_ATTRIBUTES, Integer.MAX_VALUE);
        Responses.json(ctx, 200, Json.object().set("security_group_rule",
                query.select(views.rule(groups.visibleRule(auth, ctx.pathParam("id"))))));
    }

    private void deleteRule(Context ctx, AuthContext auth) {
        groups.deleteRule(auth, ctx.pathParam("id"));
        Responses.noContent(ctx);
    }
}
