package io.cascadia.web;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Who is calling, from a validated token: the user, the project or domain the token is scoped to, and the
 * effective roles (implied roles included). The token secret is kept for calls made on the caller's behalf and
 * is never printed.
 */
public record AuthContext(
        String token,
        String userId,
        String userName,
        String userDomainId,
        String projectId,
        String projectName,
        String projectDomainId,
        String domainId,
        List<String> roles,
        Instant expiresAt) {

    public AuthContext {
        requireNonNull(token, "token is null");
        requireNonNull(userId, "userId is null");
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Keystone's default policy: the {@code admin} role on any scope makes a cloud administrator. */
    public boolean isAdmin() {
        return hasRole("admin");
    }

    public boolean isProjectScoped() {
        return projectId != null;
    }

    @Override
    public String toString() {
        return "AuthContext[userId=" + userId + ", projectId=" + projectId + ", domainId=" + domainId
                + ", roles=" + roles + "]";
    }
}
