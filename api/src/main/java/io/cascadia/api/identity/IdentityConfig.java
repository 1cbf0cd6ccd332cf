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
 * @param tokenCacheSize how many validated tokens a node keeps at most ({@code identity.token-cache-size})
 * @param userLockout Keystone's {@code [security_compliance] lockout_failure_attempts} and {@code lockout_duration}:
 *     after that many failed passwords in a row for one user, each within the duration of the one before, the user's
 *     password is refused, even when right, until the duration has passed since the last failure; a success resets
 *     the count ({@code identity.lockout-failure-attempts}, default 6, {@code identity.lockout-duration}, default
 *     30 min; Keystone's defaults are off, these are PCI DSS's)
 * @param sourceLockout the same limit per client address, counted across all users and not reset by a success, so
 *     one client cannot make the node hash guesses without end ({@code identity.source-lockout-failure-attempts},
 *     default 30, {@code identity.source-lockout-duration}, default 5 min); behind a proxy every client has the
 *     proxy's address, so raise it or turn it off there
 */
public record IdentityConfig(Duration tokenExpiration, int passwordHashRounds, Duration tokenCacheTtl, int tokenCacheSize,
                             FailureLimit userLockout, FailureLimit sourceLockout) {
    public static final int DEFAULT_ROUNDS = 25_000;
    public static final int DEFAULT_TOKEN_CACHE_SIZE = 10_000;
    public static final FailureLimit DEFAULT_USER_LOCKOUT = new FailureLimit(6, Duration.ofMinutes(30));
    public static final FailureLimit DEFAULT_SOURCE_LOCKOUT = new FailureLimit(30, Duration.ofMinutes(5));

    /**
     * At most {@code attempts} failures, each within {@code duration} of the one before; 0 attempts turns the limit
     * off.
     */
    public record FailureLimit(int attempts, Duration duration) {
        public static final FailureLimit OFF = new FailureLimit(0, Duration.ZERO);

        public FailureLimit {
            requireNonNull(duration, "duration is null");
        }

        public boolean isOff() {
            return attempts == 0;
        }
    }

    public IdentityConfig {
        requireNonNull(tokenExpiration, "tokenExpiration is null");
        requireNonNull(tokenCacheTtl, "tokenCacheTtl is null");
        requireNonNull(userLockout, "userLockout is null");
        requireNonNull(sourceLockout, "sourceLockout is null");
        if (tokenExpiration.isNegative() || tokenExpiration.isZero()) {
            throw new IllegalArgumentException("identity.token-expiration must be positive, got: " + tokenExpiration);
        }
        if (passwordHashRounds < 1_000) {
            throw new IllegalArgumentException("identity.password-hash-rounds must be at least 1000, got: " + passwordHashRounds);
        }
        if (tokenCacheTtl.isNegative()) {
            throw new IllegalArgumentException("identity.token-cache-ttl must not be negative, got: " + tokenCacheTtl);
        }
        if (tokenCacheSize < 1) {
            throw new IllegalArgumentException("identity.token-cache-size must be positive, got: " + tokenCacheSize);
        }
        check(userLockout, "identity.lockout");
        check(sourceLockout, "identity.source-lockout");
    }

    public static IdentityConfig defaults() {
        return new IdentityConfig(Duration.ofHours(1), DEFAULT_ROUNDS, Duration.ofSeconds(5), DEFAULT_TOKEN_CACHE_SIZE,
                DEFAULT_USER_LOCKOUT, DEFAULT_SOURCE_LOCKOUT);
    }

    private static void check(FailureLimit limit, String prefix) {
        if (limit.attempts() < 0) {
            throw new IllegalArgumentException(prefix + "-failure-attempts must not be negative, got: " + limit.attempts());
        }
        if (!limit.isOff() && (limit.duration().isNegative() || limit.duration().isZero())) {
            throw new IllegalArgumentException(prefix + "-duration must be positive, got: " + limit.duration());
        }
    }
}
