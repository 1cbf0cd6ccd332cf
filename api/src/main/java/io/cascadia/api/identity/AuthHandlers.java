package io.cascadia.api.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.identity.Domain;
import io.cascadia.core.identity.Project;
import io.cascadia.core.json.Json;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.List;

/** {@code /v3/auth/*}: issuing, validating and revoking tokens, and what a token may see. */
final class AuthHandlers {
    private static final String SUBJECT_TOKEN = "X-Subject-Token";

    private final TokenService tokens;
    private final TokenView tokenView;
    private final IdentityRepositories repositories;

    AuthHandlers(TokenService tokens, TokenView tokenView, IdentityRepositories repositories) {
        this.tokens = tokens;
        this.tokenView = tokenView;
        this.repositories = repositories;
    }

    void register(Router router) {
        router.postPublic("/v3/auth/tokens", this::issue);
        router.get("/v3/auth/tokens", (ctx, auth) -> validate(ctx, auth, true));
        router.head("/v3/auth/tokens", (ctx, auth) -> validate(ctx, auth, false));
        router.delete("/v3/auth/tokens", this::revoke);
        router.get("/v3/auth/catalog", this::catalog);
        router.get("/v3/auth/projects", this::projects);
        router.get("/v3/auth/domains", this::domains);
    }

    private void issue(Context ctx) {
        AuthRequest request = AuthRequest.parse(Json.parseObject(ctx.body()));
        TokenService.Issued issued = tokens.issue(request, ctx.ip());
        ctx.header(SUBJECT_TOKEN, issued.secret());
        Responses.json(ctx, 201, tokenView.token(issued.session(), ctx.queryParam("nocatalog") == null));
    }

    private void validate(Context ctx, AuthContext auth, boolean withBody) {
        String subject = subjectToken(ctx);
        TokenService.Session session = tokens.session(subject)
                .orElseThrow(() -> OpenStackException.notFound("Could not find token: " + abbreviate(subject) + "."));
        if (!auth.isAdmin() && !auth.hasRole("service") && !auth.userId().equals(session.user().id())) {
            throw IdentityPolicy.denied("validate_token");
        }
        ctx.header(SUBJECT_TOKEN, subject);
        if (withBody) {
            Responses.json(ctx, 200, tokenView.token(session, ctx.queryParam("nocatalog") == null));
        } else {
            ctx.status(200);
        }
    }

    private void revoke(Context ctx, AuthContext auth) {
        String subject = subjectToken(ctx);
        TokenService.Session session = tokens.session(subject)
                .orElseThrow(() -> OpenStackException.notFound("Could not find token: " + abbreviate(subject) + "."));
        if (!auth.isAdmin() && !auth.userId().equals(session.user().id())) {
            throw IdentityPolicy.denied("revoke_token");
        }
        tokens.revoke(subject);
        Responses.noContent(ctx);
    }

    private void catalog(Context ctx, AuthContext auth) {
        if (!auth.isProjectScoped() && auth.domainId() == null) {
            throw OpenStackException.forbidden("A scoped token is required to read the catalog.");
        }
        ObjectNode body = Json.object();
        body.set("catalog", tokenView.catalog(auth.projectId()));
        body.putObject("links").put("self", IdentityViews.of(ctx).base() + "/auth/catalog").putNull("previous").putNull("next");
        Responses.json(ctx, 200, body);
    }

    private void projects(Context ctx, AuthContext auth) {
        IdentityViews views = IdentityViews.of(ctx);
        List<Project> projects = repositories.projects().listForUser(auth.userId()).stream()
                .filter(Project::enabled)
                .toList();
        Responses.json(ctx, 200, views.list("projects", projects, views::project, ctx));
    }

    private void domains(Context ctx, AuthContext auth) {
        IdentityViews views = IdentityViews.of(ctx);
        List<Domain> domains = repositories.domains().list(null, true).stream()
                .filter(d -> !repositories.assignments().roleIdsOnDomain(auth.userId(), d.id()).isEmpty())
                .toList();
        Responses.json(ctx, 200, views.list("domains", domains, views::domain, ctx));
    }

    private static String subjectToken(Context ctx) {
        String subject = ctx.header(SUBJECT_TOKEN);
        if (subject == null || subject.isBlank()) {
            throw OpenStackException.badRequest("Expecting to find X-Subject-Token in the request headers.");
        }
        return subject.trim();
    }

    /** Enough of a token to recognise it in an error, not enough to use it. */
    private static String abbreviate(String token) {
        return token.length() <= 8 ? "***" : token.substring(0, 4) + "***";
    }
}
