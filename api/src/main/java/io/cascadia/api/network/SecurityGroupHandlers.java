package io.cascadia.api.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.SecurityGroup;
import io.cascadia.core.network.SecurityGroupRule;
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

/** {@code /v2.0/security-groups}. Listing them makes the caller's default group if it has none yet, as Neutron does. */
final class SecurityGroupHandlers {
    private static final Set<String> CREATE = Set.of("name", "description", "stateful", "tenant_id", "project_id", "tags");
    private static final Set<String> UPDATE = Set.of("name", "description", "stateful");
    private static final Map<String, Column> COLUMNS = Map.ofEntries(
            Map.entry("id", Column.text("t.id")), Map.entry("name", Column.text("t.name")),
            Map.entry("tenant_id", Column.text("t.project_id")), Map.entry("project_id", Column.text("t.project_id")),
            Map.entry("description", Column.text("t.description")), Map.entry("stateful", Column.bool("t.stateful")),
            Map.entry("revision_number", Column.integer("t.revision_number")));

    private final NetworkStore store;
    private final SecurityGroupService service;
    private final NetworkQuotas quotas;

    SecurityGroupHandlers(NetworkStore store, SecurityGroupService service, NetworkQuotas quotas) {
        this.store = store;
        this.service = service;
        this.quotas = quotas;
    }

    void register(Router router) {
        router.get("/v2.0/security-groups", this::list);
        router.post("/v2.0/security-groups", this::create);
        router.get("/v2.0/security-groups/{id}", this::show);
        router.put("/v2.0/security-groups/{id}", this::update);
        router.delete("/v2.0/security-groups/{id}", this::delete);
    }

    /** The group if the caller owns it (or is an administrator), else SecurityGroupNotFound. */
    SecurityGroup owned(AuthContext auth, String id) {
        return store.repositories().securityGroups().find(id)
                .filter(g -> NetworkPolicy.owns(auth, g.projectId()))
                .orElseThrow(() -> Neutron.securityGroupNotFound(id));
    }

    private void list(Context ctx, AuthContext auth) {
        String project = NetworkPolicy.requireProject(auth);
        Filters filters = new Filters();
        if (!auth.isAdmin()) {
            filters.equal("t.project_id", project);
        }
        NeutronLists.Page page = NeutronLists.page(ctx, COLUMNS, Set.of(), filters);
        service.ensureDefault(project);
        List<SecurityGroup> groups = store.repositories().securityGroups().list(page.listing());
        List<String> ids = groups.stream().map(SecurityGroup::id).toList();
        Map<String, List<SecurityGroupRule>> rules = rulesOf(ids);
        Map<String, List<String>> tags = store.repositories().tags().of(ids);
        NeutronLists.respond(ctx, "security_groups", page, groups,
                g -> NetworkViews.securityGroup(g, rules.getOrDefault(g.id(), List.of()), tags.getOrDefault(g.id(), List.of())),
                SecurityGroup::id);
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Neutron.body(ctx, "security_group", CREATE);
        String owner = NetworkPolicy.ownerFor(auth, body);
        String name = Neutron.string(body, "name", "", 255);
        service.ensureDefault(owner);
        if (name.equals(SecurityGroup.DEFAULT_NAME)) {
            throw Neutron.conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
        }
        Instant now = store.now();
        SecurityGroup group = new SecurityGroup(Ids.uuid(), owner, name, Neutron.string(body, "description", "", 255),
                Neutron.bool(body, "stateful", true), 1, now, now);
        List<SecurityGroupRule> rules = SecurityGroupService.initialRules(group, now);
        List<String> tags = Neutron.strings(body, "tags", 255);
        store.jdbi().useTransaction(h -> {
            quotas.check(owner, "security_group");
            store.repositories().securityGroups().insert(group);
            rules.forEach(store.repositories().securityGroups()::insertRule);
            store.repositories().tags().replace(group.id(), tags);
        });
        Responses.json(ctx, 201, Json.object().set("security_group",
                NetworkViews.securityGroup(group, rules, NetworkHandlers.sorted(tags))));
    }

    private void show(Context ctx, AuthContext auth) {
        SecurityGroup group = owned(auth, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("security_group", NeutronLists.selectFields(ctx, render(group))));
    }

    private void update(Context ctx, AuthContext auth) {
        SecurityGroup current = owned(auth, ctx.pathParam("id"));
        ObjectNode body = Neutron.body(ctx, "security_group", UPDATE);
        String name = Neutron.string(body, "name", current.name(), 255);
        if (store.repositories().securityGroups().isDefault(current.id()) && !name.equals(current.name())) {
            throw Neutron.conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
        }
        SecurityGroup updated = new SecurityGroup(current.id(), current.projectId(), name,
                Neutron.string(body, "description", current.description(), 255), Neutron.bool(body, "stateful", current.stateful()),
                current.revisionNumber() + 1, current.createdAt(), store.now());
        store.repositories().securityGroups().update(updated);
        Responses.json(ctx, 200, Json.object().set("security_group", render(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        SecurityGroup group = owned(auth, ctx.pathParam("id"));
        store.jdbi().useTransaction(h -> {
            if (store.repositories().securityGroups().isDefault(group.id()) && !auth.isAdmin()) {
                throw Neutron.conflict("SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group.");
            }
            if (store.repositories().securityGroups().inUse(group.id())) {
                throw Neutron.conflict("SecurityGroupInUse", "Security Group " + group.id() + " in use.");
            }
            store.repositories().tags().removeAll(group.id());
            store.repositories().securityGroups().delete(group.id());
        });
        Responses.noContent(ctx);
    }

    private ObjectNode render(SecurityGroup group) {
        return NetworkViews.securityGroup(group, rulesOf(List.of(group.id())).getOrDefault(group.id(), List.of()),
                store.repositories().tags().of(List.of(group.id())).getOrDefault(group.id(), List.of()));
    }

    private Map<String, List<SecurityGroupRule>> rulesOf(List<String> groupIds) {
        Map<String, List<SecurityGroupRule>> rules = new java.util.HashMap<>();
        for (SecurityGroupRule rule : store.repositories().securityGroups().rules(groupIds)) {
            rules.computeIfAbsent(rule.securityGroupId(), k -> new ArrayList<>()).add(rule);
        }
        return rules;
    }
}
