package io.cascadia.api.identity;

import static io.cascadia.api.identity.Requests.found;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.identity.Domain;
import io.cascadia.core.identity.User;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code /v3/users}, including a user's own password change; any password change revokes the user's tokens. */
final class UserHandlers {
    private final IdentityRepositories repositories;
    private final PasswordHasher hasher;
    private final TokenService tokens;

    UserHandlers(IdentityRepositories repositories, PasswordHasher hasher, TokenService tokens) {
        this.repositories = repositories;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    void register(Router router) {
        router.get("/v3/users", this::list);
        router.post("/v3/users", this::create);
        router.get("/v3/users/{id}", this::show);
        router.patch("/v3/users/{id}", this::update);
        router.delete("/v3/users/{id}", this::delete);
        router.post("/v3/users/{id}/password", this::changePassword);
    }

    private void list(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "list_users");
        IdentityViews views = IdentityViews.of(ctx);
        Responses.json(ctx, 200, views.list("users",
                repositories.users().list(ctx.queryParam("domain_id"), ctx.queryParam("name"), Requests.booleanQuery(ctx, "enabled")),
                views::user, ctx));
    }

    private void create(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "create_user");
        ObjectNode body = Requests.resource(ctx, "user");
        String name = Fields.requiredName(body, "name", 255);
        String domainId = Fields.optionalString(body, "domain_id").orElse(Domain.DEFAULT_ID);
        found(repositories.domains().find(domainId), "domain", domainId);
        Optional<String> defaultProject = Fields.optionalString(body, "default_project_id");
        defaultProject.ifPresent(p -> found(repositories.projects().find(p), "project", p));
        String passwordHash = Fields.optionalString(body, "password").map(hasher::hash).orElse(null);
        User user = new User(Ids.hex(), domainId, name, passwordHash, Fields.optionalBoolean(body, "enabled").orElse(true),
                defaultProject.orElse(null), Fields.optionalString(body, "email").orElse(null),
                Fields.optionalString(body, "description").orElse(null));
        if (repositories.users().findByName(domainId, name).isPresent()) {
            throw Requests.duplicate("user", "name " + name + " at domain ID " + domainId);
        }
        repositories.users().insert(user);
        Responses.json(ctx, 201, Json.object().set("user", IdentityViews.of(ctx).user(user)));
    }

    private void show(Context ctx, AuthContext auth) {
        String id = ctx.pathParam("id");
        IdentityPolicy.requireAdminOrSelf(auth, id, "get_user");
        User user = found(repositories.users().find(id), "user", id);
        Responses.json(ctx, 200, Json.object().set("user", IdentityViews.of(ctx).user(user)));
    }

    private void update(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "update_user");
        String id = ctx.pathParam("id");
        User current = found(repositories.users().find(id), "user", id);
        ObjectNode body = Requests.resource(ctx, "user");
        String name = body.has("name") ? Fields.requiredName(body, "name", 255) : current.name();
        if (!name.equals(current.name()) && repositories.users().findByName(current.domainId(), name).isPresent()) {
            throw Requests.duplicate("user", "name " + name + " at domain ID " + current.domainId());
        }
        Optional<String> defaultProject = Fields.optionalString(body, "default_project_id");
        defaultProject.ifPresent(p -> found(repositories.projects().find(p), "project", p));
        Optional<String> password = Fields.optionalString(body, "password");
        User updated = new User(id, current.domainId(), name,
                password.map(hasher::hash).orElse(current.passwordHash()),
                Fields.optionalBoolean(body, "enabled").orElse(current.enabled()),
                defaultProject.orElse(current.defaultProjectId()),
                Fields.optionalString(body, "email").orElse(current.email()),
                Fields.optionalString(body, "description").orElse(current.description()));
        repositories.users().update(updated);
        if (password.isPresent()) {
            tokens.revokeAllOf(id);
        }
        tokens.invalidateCache();
        Responses.json(ctx, 200, Json.object().set("user", IdentityViews.of(ctx).user(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "delete_user");
        String id = ctx.pathParam("id");
        if (!repositories.users().delete(id)) {
            throw Requests.notFound("user", id).get();
        }
        tokens.invalidateCache();
        Responses.noContent(ctx);
    }

    private void changePassword(Context ctx, AuthContext auth) {
        String id = ctx.pathParam("id");
        IdentityPolicy.requireAdminOrSelf(auth, id, "change_password");
        User current = found(repositories.users().find(id), "user", id);
        ObjectNode body = Requests.resource(ctx, "user");
        String original = Fields.requiredString(body, "original_password");
        String password = Fields.requiredString(body, "password");
        if (!tokens.passwords().verify(Optional.of(current), original, ctx.ip())) {
            throw OpenStackException.unauthorized("The request you have made requires authentication.");
        }
        repositories.users().update(new User(id, current.domainId(), current.name(), hasher.hash(password),
                current.enabled(), current.defaultProjectId(), current.email(), current.description()));
        tokens.revokeAllOf(id);
        Responses.noContent(ctx);
    }
}
