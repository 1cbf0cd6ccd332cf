package io.cascadia.api.identity;

import static io.cascadia.api.identity.Requests.found;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.identity.Domain;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.RoleAssignment;
import io.cascadia.core.identity.RoleAssignment.TargetType;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code /v3/roles}, role grants on projects and domains (OS-INHERIT included), and {@code /v3/role_assignments}. */
final class RoleHandlers {
    private final IdentityRepositories repositories;
    private final TokenService tokens;
    private final EffectiveRoles effectiveRoles;

    RoleHandlers(IdentityRepositories repositories, TokenService tokens) {
        this.repositories = repositories;
        this.tokens = tokens;
        this.effectiveRoles = new EffectiveRoles(repositories);
    }

    void register(Router router) {
        router.get("/v3/roles", this::list);
        router.post("/v3/roles", this::create);
        router.get("/v3/roles/{id}", this::show);
        router.patch("/v3/roles/{id}", this::update);
        router.delete("/v3/roles/{id}", this::delete);

        for (TargetType type : TargetType.values()) {
            String base = (type == TargetType.PROJECT ? "/v3/projects" : "/v3/domains") + "/{target}/users/{user}/roles";
            router.get(base, (ctx, auth) -> listGrants(ctx, auth, type));
            router.put(base + "/{role}", (ctx, auth) -> grant(ctx, auth, type, false));
            router.head(base + "/{role}", (ctx, auth) -> checkGrant(ctx, auth, type, false));
            router.get(base + "/{role}", (ctx, auth) -> checkGrant(ctx, auth, type, false));
            router.delete(base + "/{role}", (ctx, auth) -> revoke(ctx, auth, type, false));
        }
        String inherited = "/v3/OS-INHERIT/domains/{target}/users/{user}/roles/{role}/inherited_to_projects";
        router.put(inherited, (ctx, auth) -> grant(ctx, auth, TargetType.DOMAIN, true));
        router.head(inherited, (ctx, auth) -> checkGrant(ctx, auth, TargetType.DOMAIN, true));
        router.get(inherited, (ctx, auth) -> checkGrant(ctx, auth, TargetType.DOMAIN, true));
        router.delete(inherited, (ctx, auth) -> revoke(ctx, auth, TargetType.DOMAIN, true));

        router.get("/v3/role_assignments", this::listAssignments);
    }

    private void list(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "list_roles");
        IdentityViews views = IdentityViews.of(ctx);
        Responses.json(ctx, 200, views.list("roles", repositories.roles().list(ctx.queryParam("name")), views::role, ctx));
    }

    private void create(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "create_role");
        ObjectNode body = Requests.resource(ctx, "role");
        String name = Fields.requiredName(body, "name", 255);
        if (repositories.roles().findByName(name).isPresent()) {
            throw Requests.duplicate("role", "name " + name);
        }
        Role role = new Role(Ids.hex(), name, Fields.optionalString(body, "description").orElse(null));
        repositories.roles().insert(role);
        Responses.json(ctx, 201, Json.object().set("role", IdentityViews.of(ctx).role(role)));
    }

    private void show(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "get_role");
        String id = ctx.pathParam("id");
        Role role = found(repositories.roles().find(id), "role", id);
        Responses.json(ctx, 200, Json.object().set("role", IdentityViews.of(ctx).role(role)));
    }

    private void update(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "update_role");
        String id = ctx.pathParam("id");
        Role current = found(repositories.roles().find(id), "role", id);
        ObjectNode body = Requests.resource(ctx, "role");
        String name = body.has("name") ? Fields.requiredName(body, "name", 255) : current.name();
        if (!name.equals(current.name()) && repositories.roles().findByName(name).isPresent()) {
            throw Requests.duplicate("role", "name " + name);
        }
        Role updated = new Role(id, name, Fields.optionalString(body, "description").orElse(current.description()));
        repositories.roles().update(updated);
        tokens.invalidateCache();
        Responses.json(ctx, 200, Json.object().set("role", IdentityViews.of(ctx).role(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "delete_role");
        String id = ctx.pathParam("id");
        if (!repositories.roles().delete(id)) {
            throw Requests.notFound("role", id).get();
        }
        tokens.invalidateCache();
        Responses.noContent(ctx);
    }

    private void listGrants(Context ctx, AuthContext auth, TargetType type) {
        IdentityPolicy.requireAdmin(auth, "list_grants");
        String target = checkTarget(type, ctx.pathParam("target"));
        String user = ctx.pathParam("user");
        found(repositories.users().find(user), "user", user);
        List<Role> roles = repositories.assignments().list(user, type, target, null).stream()
                .filter(a -> !a.inherited())
                .flatMap(a -> repositories.roles().find(a.roleId()).stream())
                .toList();
        IdentityViews views = IdentityViews.of(ctx);
        Responses.json(ctx, 200, views.list("roles", roles, views::role, ctx));
    }

    private void grant(Context ctx, AuthContext auth, TargetType type, boolean inherited) {
        IdentityPolicy.requireAdmin(auth, "create_grant");
        repositories.assignments().grant(assignmentFrom(ctx, type, inherited));
        tokens.invalidateCache();
        Responses.noContent(ctx);
    }

    private void checkGrant(Context ctx, AuthContext auth, TargetType type, boolean inherited) {
        IdentityPolicy.requireAdmin(auth, "check_grant");
        RoleAssignment assignment = assignmentFrom(ctx, type, inherited);
        if (!repositories.assignments().exists(assignment)) {
            throw grantNotFound(assignment);
        }
        Responses.noContent(ctx);
    }

    private void revoke(Context ctx, AuthContext auth, TargetType type, boolean inherited) {
        IdentityPolicy.requireAdmin(auth, "revoke_grant");
        RoleAssignment assignment = assignmentFrom(ctx, type, inherited);
        if (!repositories.assignments().revoke(assignment)) {
            throw grantNotFound(assignment);
        }
        tokens.invalidateCache();
        Responses.noContent(ctx);
    }

    private RoleAssignment assignmentFrom(Context ctx, TargetType type, boolean inherited) {
        String target = checkTarget(type, ctx.pathParam("target"));
        String user = ctx.pathParam("user");
        String role = ctx.pathParam("role");
        found(repositories.users().find(user), "user", user);
        found(repositories.roles().find(role), "role", role);
        return new RoleAssignment(user, type, target, role, inherited);
    }

    private String checkTarget(TargetType type, String id) {
        if (type == TargetType.PROJECT) {
            found(repositories.projects().find(id), "project", id);
        } else {
            found(repositories.domains().find(id), "domain", id);
        }
        return id;
    }

    private static OpenStackException grantNotFound(RoleAssignment assignment) {
        return OpenStackException.notFound("Could not find role assignment with role: %s, user or group: %s, project, domain, or system: %s."
                .formatted(assignment.roleId(), assignment.userId(), assignment.targetId()));
    }

    private void listAssignments(Context ctx, AuthContext auth) {
        String userId = ctx.queryParam("user.id");
        if (!auth.isAdmin() && !auth.userId().equals(userId)) {
            throw IdentityPolicy.denied("list_role_assignments");
        }
        String projectId = ctx.queryParam("scope.project.id");
        String domainId = ctx.queryParam("scope.domain.id");
        String roleId = ctx.queryParam("role.id");
        boolean effective = ctx.queryParam("effective") != null && !"false".equalsIgnoreCase(ctx.queryParam("effective"));
        boolean includeNames = ctx.queryParam("include_names") != null && !"false".equalsIgnoreCase(ctx.queryParam("include_names"));
        boolean inheritedOnly = "projects".equals(ctx.queryParam("scope.OS-INHERIT:inherited_to"));

        List<RoleAssignment> assignments = repositories.assignments().list(userId, null, null, effective ? null : roleId);
        if (effective) {
            assignments = effective(assignments);
        }
        List<RoleAssignment> selected = assignments.stream()
                .filter(a -> projectId == null || (a.targetType() == TargetType.PROJECT && a.targetId().equals(projectId)))
                .filter(a -> domainId == null || (a.targetType() == TargetType.DOMAIN && a.targetId().equals(domainId)))
                .filter(a -> roleId == null || a.roleId().equals(roleId))
                .filter(a -> !inheritedOnly || a.inherited())
                .toList();
        IdentityViews views = IdentityViews.of(ctx);
        IdentityViews.Names names = includeNames ? new AssignmentNames() : null;
        Responses.json(ctx, 200, views.list("role_assignments", selected, a -> views.assignment(a, names), ctx));
    }

    /** Keystone's {@code effective}: inherited grants become grants on each project, implied roles are added. */
    private List<RoleAssignment> effective(List<RoleAssignment> assignments) {
        Set<RoleAssignment> result = new LinkedHashSet<>();
        for (RoleAssignment assignment : assignments) {
            List<RoleAssignment> concrete = new ArrayList<>();
            if (assignment.inherited()) {
                for (Project project : repositories.projects().list(assignment.targetId(), null, null, null)) {
                    concrete.add(new RoleAssignment(assignment.userId(), TargetType.PROJECT, project.id(), assignment.roleId(), false));
                }
            } else {
                concrete.add(assignment);
            }
            for (RoleAssignment a : concrete) {
                for (Role role : effectiveRoles.expand(List.of(a.roleId()))) {
                    result.add(new RoleAssignment(a.userId(), a.targetType(), a.targetId(), role.id(), false));
                }
            }
        }
        return List.copyOf(result);
    }

    /** Names for {@code include_names}, read as needed. */
    private final class AssignmentNames implements IdentityViews.Names {
        @Override
        public String role(String roleId) {
            return repositories.roles().find(roleId).map(Role::name).orElse(null);
        }

        @Override
        public String[] user(String userId) {
            return repositories.users().find(userId)
                    .map(u -> new String[] {u.name(), u.domainId(), domain(u.domainId())})
                    .orElse(new String[] {null, null, null});
        }

        @Override
        public String[] project(String projectId) {
            return repositories.projects().find(projectId)
                    .map(p -> new String[] {p.name(), p.domainId(), domain(p.domainId())})
                    .orElse(new String[] {null, null, null});
        }

        @Override
        public String domain(String domainId) {
            return repositories.domains().find(domainId).map(Domain::name).orElse(null);
        }
    }
}
