package io.cascadia.core.identity;

import java.time.Instant;
import java.util.List;

/**
 * An issued token as stored: only a hash of its secret, who it is for, its scope and its life. Roles are not
 * stored; they are computed on every validation, as Keystone does for Fernet tokens, so a removed role takes
 * effect at once.
 */
public record Token(String hash, String userId, String projectId, String domainId, List<String> methods,
                    String auditId, String parentAuditId, Instant issuedAt, Instant expiresAt, Instant revokedAt) {
    public Token {
        methods = List.copyOf(methods);
    }

    public boolean isValidAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public List<String> auditIds() {
        return parentAuditId == null ? List.of(auditId) : List.of(auditId, parentAuditId);
    }
}
