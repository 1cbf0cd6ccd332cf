package io.cascadia.api.identity;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of the embedded identity service.
 *
 * @param tokenExpiration how long an issued token lives ({@code identity.token-expiration}, Keystone's default 1 h)
 * @param passwordHashRounds PBKDF2-SHA512 rounds for new password hashes ({@code identity.password-hash-rounds})
 * @param tokenCacheTtl how long a validated token is trusted without reading the database again on nodes other
 *     than the one that revoked it ({@code identity.token-cache-ttl})
 */
public record IdentityConfig(Duration tokenExpiration, int passwordHashRounds, Duration tokenCacheTtl) {
    public static final int DEFAULT_ROUNDS = 25_000;

    public IdentityConfig {
        requireNonNull(tokenExpiration, "tokenExpiration is null");
        requireNonNull(tokenCacheTtl, "tokenCacheTtl is null");
        if (tokenExpiration.isNegative() || tokenExpiration.isZero()) {
            throw new IllegalArgumentException("identity.token-expiration must be positive, got: " + tokenExpiration);
        }
        if (passwordHashRounds < 1_000) {
            throw new IllegalArgumentException("identity.password-hash-rounds must be at least 1000, got: " + passwordHashRounds);
        }
        if (tokenCacheTtl.isNegative()) {
            throw new IllegalArgumentException("identity.token-cache-ttl must not be negative, got: " + tokenCacheTtl);
        }
    }

    public static IdentityConfig defaults() {
        return new IdentityConfig(Duration.ofHours(1), DEFAULT_ROUNDS, Duration.ofSeconds(5));
    }
}
