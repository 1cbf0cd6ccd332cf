package io.cascadia.api.compute;

import io.cascadia.web.ApiVersion;
import io.cascadia.web.AuthContext;
import io.javalin.http.Context;

/**
 * One compute request: who calls, the negotiated microversion, and the URLs links are built from (the host the
 * caller used, as Nova builds them).
 */
record ComputeContext(AuthContext auth, ApiVersion version, String base) {
    static ComputeContext of(Context ctx, AuthContext auth, ApiVersion version) {
        return new ComputeContext(auth, version, ctx.scheme() + "://" + ctx.host() + "/compute");
    }

    boolean atLeast(int minor) {
        return version.atLeast(2, minor);
    }

    boolean admin() {
        return auth.isAdmin();
    }

    /** The caller's project; compute calls need a project-scoped token. */
    String project() {
        if (auth.projectId() == null) {
            throw Nova.policy("os_compute_api:servers:index");
        }
        return auth.projectId();
    }

    String self(String path) {
        return base + "/v2.1" + path;
    }

    String bookmark(String path) {
        return base + path;
    }
}
