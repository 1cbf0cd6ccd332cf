package io.cascadia.api.identity;

import static io.cascadia.api.identity.Requests.found;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.RoleAssignment.TargetType;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.List;

/** {@code /v3/projects}. */
final class ProjectHandlers {
    private final IdentityRepositories repositories;
    private final TokenService tokens;

    ProjectHandlers(IdentityRepositories repositories, TokenService tokens) {
        this.repositories = repositories;
        this.tokens = tokens;
    }

    void register(Router router) {
        router.get("/v3/projects", this::list);
        router.post("/v3/projects", this::create);
        router.get("/v3/projects/{id}", this::show);
        router.patch("/v3/projects/{id}", this::update);
        router.delete("/v3/projects/{id}", this::delete);
        router.get("/v3/users/{id}/projects", this::listForUser);
    }

    private void list(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "list_projects");
        IdentityViews views = IdentityViews.of(ctx);
        List<Project> projects = repositories.projects().list(ctx.queryParam("domain_id"), ctx.queryParam("name"),
                Requests.booleanQuery(ctx, "enabled"), ctx.queryParam("parent_id"));
        Responses.json(ctx, 200, views.list("projects", projects, views::project, ctx));
    }

    private void listForUser(Context ctx, AuthContext auth) {
        String userId = ctx.pathParam("id");
        IdentityPolicy.requireAdminOrSelf(auth, userId, "list_user_projects");
        found(repositories.users().find(userId), "user", userId);
        IdentityViews views = IdentityViews.of(ctx);
        Responses.json(ctx, 200, views.list("projects", repositories.projects().listForUser(userId), views::project, ctx));
    }

    private void create(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "create_project");
        ObjectNode body = Requests.resource(ctx, "project");
        String name = Fields.requiredName(body, "name", 64);
        String domainId = Fields.optionalString(body, "domain_id").orElse(auth.projectDomainId() != null
                ? auth.projectDomainId() : io.cascadia.core.identity.Domain.DEFAULT_ID);
        found(repositories.domains().find(domainId), "domain", domainId);
        String parentId = Fields.optionalString(body, "parent_id").filter(p -> !p.equals(domainId)).orElse(null);
        if (parentId != null) {
            found(repositories.projects().find(parentId), "project", parentId);
        }
        Project project = new Project(Ids.hex(), domainId, name, Fields.optionalString(body, "description").orElse(""),
                Fields.optionalBoolean(body, "enabled").orElse(true), parentId);
        if (repositories.projects().findByName(domainId, name).isPresent()) {
            throw Requests.duplicate("project", "name " + name + " at domain ID " + domainId);
        }
        repositories.projects().insert(project);
        Responses.json(ctx, 201, Json.object().set("project", IdentityViews.of(ctx).project(project)));
    }

    private void show(Context ctx, AuthContext auth) {
        String id = ctx.pathParam("id");
        IdentityPolicy.requireAdminOrScopedTo(auth, id, "get_project");
        Project project = found(repositories.projects().find(id), "project", id);
        Responses.json(ctx, 200, Json.object().set("project", IdentityViews.of(ctx).project(project)));
    }

    private void update(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "update_project");
        String id = ctx.pathParam("id");
        Project current = found(repositories.projects().find(id), "project", id);
        ObjectNode body = Requests.resource(ctx, "project");
        if (body.has("domain_id") && !current.domainId().equals(body.get("domain_id").asText())) {
            throw OpenStackException.badRequest("Cannot change Domain ID");
        }
        String name = body.has("name") ? Fields.requiredName(body, "name", 64) : current.name();
        if (!name.equals(current.name()) && repositories.projects().findByName(current.domainId(), name).isPresent()) {
            throw Requests.duplicate("project", "name " + name + " at domain ID " + current.domainId());
        }
        Project updated = new Project(id, current.domainId(), name,
                Fields.optionalString(body, "description").orElse(current.description()),
                Fields.optionalBoolean(body, "enabled").orElse(current.enabled()), current.parentId());
        repositories.projects().update(updated);
        tokens.invalidateCache();
        Responses.json(ctx, 200, Json.object().set("project", IdentityViews.of(ctx).project(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "delete_project");
        String id = ctx.pathParam("id");
        found(repositories.projects().find(id), "project", id);
        if (!repositories.projects().list(null, null, null, id).isEmpty()) {
            throw OpenStackException.forbidden("Cannot delete the project " + id + " since it is not a leaf in the hierarchy.");
        }
        repositories.jdbi().useTransaction(h -> {
            repositories.assignments().deleteForTarget(TargetType.PROJECT, id);
            repositories.projects().delete(id);
        });
        tokens.invalidateCache();
        Responses.noContent(ctx);
    }
}
