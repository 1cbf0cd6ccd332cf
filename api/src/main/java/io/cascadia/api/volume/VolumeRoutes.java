package io.cascadia.api.volume;

import io.cascadia.web.Microversions;
import io.cascadia.web.Router;
import io.javalin.http.Context;

/** Registers Cinder routes under {@code /v3/{project}}, authenticated and with the microversion negotiated. */
final class VolumeRoutes {
    /** A Cinder handler. */
    @FunctionalInterface
    interface Handler {
        void handle(Context ctx, VolumeContext volume) throws Exception;
    }

    private final Router router;
    private final Microversions microversions;

    VolumeRoutes(Router router, Microversions microversions) {
        this.router = router;
        this.microversions = microversions;
    }

    void get(String path, Handler handler) {
        router.get("/v3/{project}" + path, (ctx, auth) -> handler.handle(ctx, VolumeContext.of(ctx, auth, microversions.negotiate(ctx))));
    }

    void post(String path, Handler handler) {
        router.post("/v3/{project}" + path, (ctx, auth) -> handler.handle(ctx, VolumeContext.of(ctx, auth, microversions.negotiate(ctx))));
    }

    void put(String path, Handler handler) {
        router.put("/v3/{project}" + path, (ctx, auth) -> handler.handle(ctx, VolumeContext.of(ctx, auth, microversions.negotiate(ctx))));
    }

    void delete(String path, Handler handler) {
        router.delete("/v3/{project}" + path, (ctx, auth) -> handler.handle(ctx, VolumeContext.of(ctx, auth, microversions.negotiate(ctx))));
    }
}
