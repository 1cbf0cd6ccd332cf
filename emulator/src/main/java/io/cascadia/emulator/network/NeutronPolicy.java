package io.cascadia.emulator.network;

import io.cascadia.web.AuthContext;
import java.util.Optional;

/**
 * Neutron's default policy as far as the site enforces it: administrators see and change everything; others see
 * their own resources, shared and external networks (and their subnets), and ports on networks they own.
 */
final class NeutronPolicy {
    private NeutronPolicy() {
    }

    /** The caller's project, "" for tokens without one. */
    static String project(AuthContext auth) {
        return auth.projectId() == null ? "" : auth.projectId();
    }

    static boolean owns(AuthContext auth, String projectId) {
        return auth.isAdmin() || project(auth).equals(projectId);
    }

    static boolean canSee(AuthContext auth, Network network) {
        return owns(auth, network.projectId()) || network.shared() || network.external();
    }

    static boolean canSee(AuthContext auth, Subnet subnet, Network network) {
        return owns(auth, subnet.projectId()) || (network != null && (network.shared() || network.external()));
    }

    static boolean canSee(AuthContext auth, Port port, Network network) {
        return owns(auth, port.projectId()) || (network != null && owns(auth, network.projectId()));
    }

    /**
     * The project a new resource belongs to: the body's {@code project_id} / {@code tenant_id}, which only an
     * administrator may set to another project, else the caller's.
     */
    static String targetProject(AuthContext auth, Optional<String> requested, String resource) {
        String mine = project(auth);
        if (requested.isEmpty() || requested.get().equals(mine)) {
            return mine;
        }
        if (!auth.isAdmin()) {
            throw NeutronErrors.policy("create_" + resource + ":tenant_id");
        }
        return requested.get();
    }

    static void requireAdmin(AuthContext auth, String rule) {
        if (!auth.isAdmin()) {
            throw NeutronErrors.policy(rule);
        }
    }
}
