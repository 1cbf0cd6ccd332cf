package io.cascadia.store.identity;

import io.cascadia.core.identity.Token;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Issued tokens, by the hash of their secret. */
public final class Tokens {
    private static final RowMapper<Token> MAPPER = (rs, ctx) -> new Token(
            rs.getString("token_hash"), rs.getString("user_id"), rs.getString("project_id"), rs.getString("domain_id"),
            Arrays.asList(rs.getString("methods").split(",")), rs.getString("audit_id"), rs.getString("parent_audit_id"),
            rs.getTimestamp("issued_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());

    private final Jdbi jdbi;

    public Tokens(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Token token) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into token (token_hash, user_id, project_id, domain_id, methods, audit_id, parent_audit_id,
                          issued_at, expires_at, revoked_at)
                        values (:hash, :userId, :projectId, :domainId, :methods, :auditId, :parentAuditId,
                          :issuedAt, :expiresAt, :revokedAt)""")
                .bind("hash", token.hash())
                .bind("userId", token.userId())
                .bind("projectId", token.projectId())
                .bind("domainId", token.domainId())
                .bind("methods", String.join(",", token.methods()))
                .bind("auditId", token.auditId())
                .bind("parentAuditId", token.parentAuditId())
                .bind("issuedAt", token.issuedAt())
                .bind("expiresAt", token.expiresAt())
                .bind("revokedAt", token.revokedAt())
                .execute());
    }

    public Optional<Token> find(String hash) {
        return jdbi.withHandle(h -> h.createQuery("select * from token where token_hash = :hash")
                .bind("hash", hash).map(MAPPER).findOne());
    }

    public boolean revoke(String hash, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "update token set revoked_at = :at where token_hash = :hash and revoked_at is null")
                .bind("hash", hash).bind("at", at).execute()) > 0;
    }

    /** Revokes every token of a user not yet revoked, as Keystone does when the password changes; returns how many. */
    public int revokeAllOfUser(String userId, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "update token set revoked_at = :at where user_id = :userId and revoked_at is null")
                .bind("userId", userId).bind("at", at).execute());
    }

    /** Removes tokens that expired before {@code before}; returns how many. */
    public int pruneExpired(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("delete from token where expires_at < :before")
                .bind("before", before).execute());
    }
}
