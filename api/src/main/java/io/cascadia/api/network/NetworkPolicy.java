package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.web.AuthContext;

/**
 * Neutron's default policy: administrators see and change everything; a project sees its own resources (and shared
 * and external networks) and changes only its own. What a caller may not see answers 404, as if it did not exist;
 * what it sees but may not change answers 403.
 */
final class NetworkPolicy {
    private NetworkPolicy() {
    }

    static boolean owns(AuthContext auth, String projectId) {
        return auth.isAdmin() || projectId.equals(auth.projectId());
    }

    /**
     * The project a new resource belongs to: the caller's, or the one named in {@code project_id}/{@code tenant_id},
     * which only administrators may choose.
     */
    static String ownerFor(AuthContext auth, JsonNode body) {
        String project = Neutron.string(body, "project_id", null, 255);
        String tenant = Neutron.string(body, "tenant_id", null, 255);
        if (project != null && tenant != null && !project.equals(tenant)) {
            throw Neutron.badRequest("'project_id' and 'tenant_id' do not match");
        }
        String named = project != null ? project : tenant;
        if (named == null || named.equals(auth.projectId())) {
            return requireProject(auth);
        }
        if (!auth.isAdmin()) {
            throw Neutron.badRequest("Specifying 'project_id' or 'tenant_id' other than the authenticated project in request"
                    + " requires admin privileges");
        }
        return named;
    }

    static String requireProject(AuthContext auth) {
        if (auth.projectId() == null) {
            throw OpenStackException.forbidden("A project-scoped token is required.");
        }
        return auth.projectId();
    }

    /** Refuses a change to an attribute only administrators may set. */
    static void requireAdminFor(AuthContext auth, String action, String attribute) {
        if (!auth.isAdmin()) {
            throw Neutron.policy(action + " and rule:" + action + ":" + attribute);
        }
    }
}
