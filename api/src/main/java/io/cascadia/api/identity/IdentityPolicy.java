package io.cascadia.api.identity;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.web.AuthContext;

/**
 * Keystone's default policy, as deployments without system scope enforce it: administrators manage everything;
 * other users may read themselves, their projects and the catalog.
 */
final class IdentityPolicy {
    private IdentityPolicy() {
    }

    static void requireAdmin(AuthContext auth, String action) {
        if (!auth.isAdmin()) {
            throw denied(action);
        }
    }

    static void requireAdminOrSelf(AuthContext auth, String userId, String action) {
        if (!auth.isAdmin() && !auth.userId().equals(userId)) {
            throw denied(action);
        }
    }

    static void requireAdminOrScopedTo(AuthContext auth, String projectId, String action) {
        if (!auth.isAdmin() && !projectId.equals(auth.projectId())) {
            throw denied(action);
        }
    }

    static OpenStackException denied(String action) {
        return OpenStackException.forbidden("You are not authorized to perform the requested action: identity:" + action + ".");
    }
}
