package io.cascadia.api.volume;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.AuthContext;
import io.javalin.http.Context;

/**
 * One Cinder request: the caller, the negotiated microversion, and the project of the URL, which must be the
 * token's (Cinder answers 400 otherwise).
 */
record VolumeContext(AuthContext auth, ApiVersion version, String project, String base) {
    static VolumeContext of(Context ctx, AuthContext auth, ApiVersion version) {
        String project = ctx.pathParam("project");
        if (!project.equals(auth.projectId()) && !auth.isAdmin()) {
            throw OpenStackException.badRequest("Malformed request URL: URL's project_id '" + show(project)
                    + "' doesn't match Context's project_id '" + auth.projectId() + "'");
        }
        return new VolumeContext(auth, version, project, ctx.scheme() + "://" + ctx.host() + "/volume");
    }

    boolean atLeast(int minor) {
        return version.atLeast(3, minor);
    }

    boolean admin() {
        return auth.isAdmin();
    }

    static String show(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
