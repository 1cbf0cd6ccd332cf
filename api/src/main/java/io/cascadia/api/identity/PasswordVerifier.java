package io.cascadia.api.identity;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.identity.User;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords under the failure limits of {@link IdentityConfig}, per user ({@code identity.lockout-*}) and per
 * client address ({@code identity.source-lockout-*}). A locked-out attempt is refused before the password is hashed,
 * so it costs no key derivation. State is per node and in memory. Thread-safe.
 */
final class PasswordVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordVerifier.class);
    /** Users and addresses tracked at most, each; a full table forgets its oldest failures. */
    private static final int CAPACITY = 100_000;

    private final PasswordHasher hasher;
    private final FailureLimiter users;
    private final FailureLimiter sources;
    private final Set<String> exempt = ConcurrentHashMap.newKeySet();

    PasswordVerifier(PasswordHasher hasher, IdentityConfig config, Clock clock) {
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.users = new FailureLimiter(config.userLockout(), CAPACITY, clock);
        this.sources = new FailureLimiter(config.sourceLockout(), CAPACITY, clock);
    }

    /** Keystone's user option {@code ignore_lockout_failure_attempts}: the user is never locked out (its source still is). */
    void exempt(String userId) {
        exempt.add(requireNonNull(userId, "userId is null"));
    }

    /**
     * True when the password is the user's and neither the user nor the source is locked out. A wrong password counts
     * against both; a right one resets the user's count only. An unknown user (empty) costs a hash like a known one,
     * so timing does not tell them apart, and counts against the source.
     */
    boolean verify(Optional<User> user, String password, String source) {
        requireNonNull(source, "source is null");
        if (sources.isLockedOut(source)) {
            LOG.info("refused a password from {}: too many failed passwords from that address", source);
            return false;
        }
        boolean limited = user.isPresent() && !exempt.contains(user.get().id());
        if (limited && users.isLockedOut(user.get().id())) {
            LOG.info("refused a password for user {}: locked out after too many failed passwords", user.get().id());
            return false;
        }
        if (!hasher.matches(password, user.map(User::passwordHash).orElse(null))) {
            sources.failed(source);
            if (limited) {
                users.failed(user.get().id());
            }
            return false;
        }
        users.reset(user.orElseThrow().id());
        return true;
    }
}
