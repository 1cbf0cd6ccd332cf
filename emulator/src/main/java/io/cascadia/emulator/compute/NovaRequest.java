package io.cascadia.emulator.compute;

import io.cascadia.web.ApiVersion;
import io.cascadia.web.AuthContext;

/** Who is calling Nova, and the microversion the request negotiated. */
record NovaRequest(AuthContext auth, ApiVersion version) {
    boolean admin() {
        return auth.isAdmin();
    }

    /** The caller's project; Nova requires a project-scoped token, so this is never null for a valid request. */
    String projectId() {
        return auth.projectId() == null ? "" : auth.projectId();
    }

    boolean atLeast(int minor) {
        return version.atLeast(2, minor);
    }
}
