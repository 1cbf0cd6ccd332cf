package io.cascadia.web;

import io.cascadia.core.error.OpenStackException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Registers one module's routes under its prefix. Routes are authenticated unless registered as public: the
 * token in {@code X-Auth-Token} is validated before the handler runs, and a missing or bad token answers 401
 * with keystonemiddleware's body.
 */
public final class Router {
    public static final String AUTH_TOKEN = "X-Auth-Token";

    private final RoutesConfig routes;
    private final String prefix;
    private final TokenValidator validator;

    Router(RoutesConfig routes, String prefix, TokenValidator validator) {
        this.routes = routes;
        this.prefix = prefix;
        this.validator = validator;
    }

    public String prefix() {
        return prefix;
    }

    public Router get(String path, AuthenticatedHandler handler) {
        return add(HandlerType.GET, path, authenticated(handler));
    }

    public Router post(String path, AuthenticatedHandler handler) {
        return add(HandlerType.POST, path, authenticated(handler));
    }

    public Router put(String path, AuthenticatedHandler handler) {
        return add(HandlerType.PUT, path, authenticated(handler));
    }

    public Router patch(String path, AuthenticatedHandler handler) {
        return add(HandlerType.PATCH, path, authenticated(handler));
    }

    public Router delete(String path, AuthenticatedHandler handler) {
        return add(HandlerType.DELETE, path, authenticated(handler));
    }

    public Router head(String path, AuthenticatedHandler handler) {
        return add(HandlerType.HEAD, path, authenticated(handler));
    }

    public Router getPublic(String path, Handler handler) {
        return add(HandlerType.GET, path, handler);
    }

    public Router postPublic(String path, Handler handler) {
        return add(HandlerType.POST, path, handler);
    }

    /** Validates the caller's token; used by routes that need the caller but also do their own checks. */
    public AuthContext authenticate(Context ctx) {
        String token = ctx.header(AUTH_TOKEN);
        if (token == null || token.isBlank()) {
            throw OpenStackException.unauthorized("The request you have made requires authentication.");
        }
        AuthContext auth = validator.validate(token.trim());
        ctx.attribute(AuthContext.class.getName(), auth);
        return auth;
    }

    private Handler authenticated(AuthenticatedHandler handler) {
        return ctx -> handler.handle(ctx, authenticate(ctx));
    }

    private Router add(HandlerType method, String path, Handler handler) {
        routes.addHttpHandler(method, prefix + path, handler);
        return this;
    }
}
