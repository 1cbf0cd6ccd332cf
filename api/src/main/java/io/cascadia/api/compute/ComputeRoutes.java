package io.cascadia.api.compute;

import io.cascadia.web.Microversions;
import io.cascadia.web.Router;
import io.javalin.http.Context;

/**
 * Registers compute routes under {@code /v2.1}: each request is authenticated, its microversion negotiated (406
 * outside the range), and the handler given both as one {@link ComputeContext}.
 */
final class ComputeRoutes {
    /** A compute handler. */
    @FunctionalInterface
    interface Handler {
        void handle(Context ctx, ComputeContext compute) throws Exception;
    }

    private final Router router;
    private final Microversions microversions;

    ComputeRoutes(Router router, Microversions microversions) {
        this.router = router;
        this.microversions = microversions;
    }

    void get(String path, Handler handler) {
        router.get("/v2.1" + path, (ctx, auth) -> handler.handle(ctx, ComputeContext.of(ctx, auth, microversions.negotiate(ctx))));
    }

    void post(String path, Handler handler) {
        router.post("/v2.1" + path, (ctx, auth) -> handler.handle(ctx, ComputeContext.of(ctx, auth, microversions.negotiate(ctx))));
    }

    void put(String path, Handler handler) {
        router.put("/v2.1" + path, (ctx, auth) -> handler.handle(ctx, ComputeContext.of(ctx, auth, microversions.negotiate(ctx))));
    }

    void delete(String path, Handler handler) {
        router.delete("/v2.1" + path, (ctx, auth) -> handler.handle(ctx, ComputeContext.of(ctx, auth, microversions.negotiate(ctx))));
    }
}
