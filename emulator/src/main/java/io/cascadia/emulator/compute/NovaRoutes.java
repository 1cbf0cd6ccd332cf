package io.cascadia.emulator.compute;

import io.cascadia.web.AuthContext;
import io.cascadia.web.Microversions;
import io.cascadia.web.Router;
import io.javalin.http.Context;

/**
 * Registers Nova routes under {@code /v2.1}: every request is authenticated, then its microversion is negotiated
 * (406 outside 2.1..2.79) before the handler runs.
 */
final class NovaRoutes {
    /** A Nova handler. */
    @FunctionalInterface
    interface Handler {
        void handle(Context ctx, NovaRequest request) throws Exception;
    }

    private final Router router;
    private final Microversions microversions;

    NovaRoutes(Router router, Microversions microversions) {
        this.router = router;
        this.microversions = microversions;
    }

    void get(String path, Handler handler) {
        router.get("/v2.1" + path, versioned(handler));
    }

    void post(String path, Handler handler) {
        router.post("/v2.1" + path, versioned(handler));
    }

    void put(String path, Handler handler) {
        router.put("/v2.1" + path, versioned(handler));
    }

    void delete(String path, Handler handler) {
        router.delete("/v2.1" + path, versioned(handler));
    }

    private io.cascadia.web.AuthenticatedHandler versioned(Handler handler) {
        return (Context ctx, AuthContext auth) -> handler.handle(ctx, new NovaRequest(auth, microversions.negotiate(ctx)));
    }
}
