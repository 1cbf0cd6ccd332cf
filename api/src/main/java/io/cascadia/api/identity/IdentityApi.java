package io.cascadia.api.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.ApiModule;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.javalin.http.Context;

/**
 * The embedded identity service: a wire-compatible subset of Keystone v3, mounted at the root of the port
 * ({@code /} lists versions, {@code /v3} is the API), as Keystone is on port 5000.
 */
public final class IdentityApi implements ApiModule {
    private static final String VERSION = "v3.14";
    private static final String UPDATED = "2020-04-07T00:00:00Z";

    private final AuthHandlers auth;
    private final ProjectHandlers projects;
    private final UserHandlers users;
    private final DomainHandlers domains;
    private final RoleHandlers roles;
    private final CatalogHandlers catalog;

    public IdentityApi(IdentityRepositories repositories, TokenService tokens, PasswordHasher hasher) {
        this.auth = new AuthHandlers(tokens, new TokenView(repositories.catalog()), repositories);
        this.projects = new ProjectHandlers(repositories, tokens);
        this.users = new UserHandlers(repositories, hasher, tokens);
        this.domains = new DomainHandlers(repositories, tokens);
        this.roles = new RoleHandlers(repositories, tokens);
        this.catalog = new CatalogHandlers(repositories.catalog());
    }

    @Override
    public Service service() {
        return Service.IDENTITY;
    }

    @Override
    public String prefix() {
        return "";
    }

    @Override
    public void register(Router router) {
        router.getPublic("/", ctx -> {
            ObjectNode body = Json.object();
            body.putObject("versions").putArray("values").add(version(ctx));
            Responses.json(ctx, 300, body);
        });
        router.getPublic("/v3", ctx -> Responses.json(ctx, 200, Json.object().set("version", version(ctx))));
        auth.register(router);
        projects.register(router);
        users.register(router);
        domains.register(router);
        roles.register(router);
        catalog.register(router);
    }

    private static ObjectNode version(Context ctx) {
        ObjectNode version = Json.object()
                .put("id", VERSION)
                .put("status", "stable")
                .put("updated", UPDATED);
        version.putArray("links").addObject().put("rel", "self").put("href", ctx.scheme() + "://" + ctx.host() + "/v3/");
        version.putArray("media-types").addObject()
                .put("base", "application/json")
                .put("type", "application/vnd.openstack.identity-v3+json");
        return version;
    }
}
