package io.cascadia.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;

/**
 * Registers the routes of a microversioned service (Nova, Cinder) under a path prefix: every request is
 * authenticated, then its microversion negotiated (406 outside the range), and the handler gets both as one
 * request object {@code R}, made by the service.
 */
public final class VersionedRoutes<R> {
    /** A handler of one route. */
    @FunctionalInterface
    public interface Handler<R> {
        void handle(Context ctx, R request) throws Exception;
    }

    /** Makes the service's request object from the authenticated caller and the negotiated version. */
    @FunctionalInterface
    public interface Requests<R> {
        R of(Context ctx, AuthContext auth, ApiVersion version);
    }

    private final Router router;
    private final String prefix;
    private final Microversions microversions;
    private final Requests<R> requests;

    public VersionedRoutes(Router router, String prefix, Microversions microversions, Requests<R> requests) {
        this.router = requireNonNull(router, "router is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.microversions = requireNonNull(microversions, "microversions is null");
        this.requests = requireNonNull(requests, "requests is null");
    }

    public void get(String path, Handler<R> handler) {
        router.get(prefix + path, versioned(handler));
    }

    public void post(String path, Handler<R> handler) {
        router.post(prefix + path, versioned(handler));
    }

    public void put(String path, Handler<R> handler) {
        router.put(prefix + path, versioned(handler));
    }

    public void delete(String path, Handler<R> handler) {
        router.delete(prefix + path, versioned(handler));
    }

    private AuthenticatedHandler versioned(Handler<R> handler) {
        return (ctx, auth) -> handler.handle(ctx, requests.of(ctx, auth, microversions.negotiate(ctx)));
    }
}
