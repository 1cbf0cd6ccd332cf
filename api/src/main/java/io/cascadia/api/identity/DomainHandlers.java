package io.cascadia.api.identity;

import static io.cascadia.api.identity.Requests.found;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.identity.Domain;
import io.cascadia.core.identity.RoleAssignment.TargetType;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;

/** {@code /v3/domains}. A domain must be disabled before it is deleted, and must be empty. */
final class DomainHandlers {
    private final IdentityRepositories repositories;
    private final TokenService tokens;

    DomainHandlers(IdentityRepositories repositories, TokenService tokens) {
        this.repositories = repositories;
        this.tokens = tokens;
    }

    void register(Router router) {
        router.get("/v3/domains", this::list);
        router.post("/v3/domains", this::create);
        router.get("/v3/domains/{id}", this::show);
        router.patch("/v3/domains/{id}", this::update);
        router.delete("/v3/domains/{id}", this::delete);
    }

    private void list(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "list_domains");
        IdentityViews views = IdentityViews.of(ctx);
        Responses.json(ctx, 200, views.list("domains",
                repositories.domains().list(ctx.queryParam("name"), Requests.booleanQuery(ctx, "enabled")), views::domain, ctx));
    }

    private void create(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "create_domain");
        ObjectNode body = Requests.resource(ctx, "domain");
        String name = Fields.requiredName(body, "name", 255);
        if (repositories.domains().findByName(name).isPresent()) {
            throw Requests.duplicate("domain", "name " + name);
        }
        Domain domain = new Domain(Ids.hex(), name, Fields.optionalString(body, "description").orElse(""),
                Fields.optionalBoolean(body, "enabled").orElse(true));
        repositories.domains().insert(domain);
        Responses.json(ctx, 201, Json.object().set("domain", IdentityViews.of(ctx).domain(domain)));
    }

    private void show(Context ctx, AuthContext auth) {
        String id = ctx.pathParam("id");
        Domain domain = found(repositories.domains().find(id), "domain", id);
        boolean ownDomain = id.equals(auth.domainId()) || id.equals(auth.projectDomainId()) || id.equals(auth.userDomainId());
        if (!auth.isAdmin() && !ownDomain) {
            throw IdentityPolicy.denied("get_domain");
        }
        Responses.json(ctx, 200, Json.object().set("domain", IdentityViews.of(ctx).domain(domain)));
    }

    private void update(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "update_domain");
        String id = ctx.pathParam("id");
        Domain current = found(repositories.domains().find(id), "domain", id);
        ObjectNode body = Requests.resource(ctx, "domain");
        String name = body.has("name") ? Fields.requiredName(body, "name", 255) : current.name();
        if (!name.equals(current.name()) && repositories.domains().findByName(name).isPresent()) {
            throw Requests.duplicate("domain", "name " + name);
        }
        boolean enabled = Fields.optionalBoolean(body, "enabled").orElse(current.enabled());
        if (!enabled && id.equals(Domain.DEFAULT_ID)) {
            throw OpenStackException.forbidden("The default domain cannot be disabled.");
        }
        Domain updated = new Domain(id, name, Fields.optionalString(body, "description").orElse(current.description()), enabled);
        repositories.domains().update(updated);
        tokens.invalidateCache();
        Responses.json(ctx, 200, Json.object().set("domain", IdentityViews.of(ctx).domain(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "delete_domain");
        String id = ctx.pathParam("id");
        Domain domain = found(repositories.domains().find(id), "domain", id);
        if (domain.enabled()) {
            throw OpenStackException.forbidden("Cannot delete a domain that is enabled, please disable it first.");
        }
        if (repositories.projects().existsInDomain(id) || repositories.users().existsInDomain(id)) {
            throw OpenStackException.forbidden("Cannot delete domain " + id + " while it still holds projects or users.");
        }
        repositories.jdbi().useTransaction(h -> {
            repositories.assignments().deleteForTarget(TargetType.DOMAIN, id);
            repositories.domains().delete(id);
        });
        Responses.noContent(ctx);
    }
}
