package io.cascadia.api.identity;

import static java.util.Objects.requireNonNull;

import io.cascadia.api.identity.IdentityConfig.FailureLimit;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failures by key (a user id, a client address) under one {@link FailureLimit}: a key is locked out once it has
 * {@code attempts} failures, each within {@code duration} of the one before, until {@code duration} has passed since
 * the last. Failures older than that are forgotten, so the table holds only recent keys, and at most {@code capacity}
 * of them (when full, stale keys go first, then arbitrary ones). Thread-safe; attempts already past
 * {@link #isLockedOut} when the limit is reached still finish, so concurrent attempts may overshoot by their number.
 */
final class FailureLimiter {
    private record Failures(int count, Instant last) {
    }

    private final FailureLimit limit;
    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    FailureLimiter(FailureLimit limit, int capacity, Clock clock) {
        this.limit = requireNonNull(limit, "limit is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got: " + capacity);
        }
        this.capacity = capacity;
    }

    boolean isLockedOut(String key) {
        if (limit.isOff()) {
            return false;
        }
        Failures current = failures.get(key);
        return current != null && current.count() >= limit.attempts() && isRecent(current, clock.instant());
    }

    void failed(String key) {
        if (limit.isOff()) {
            return;
        }
        Instant now = clock.instant();
        if (failures.size() >= capacity) {
            makeRoom(now);
        }
        failures.compute(key, (k, current) -> current == null || !isRecent(current, now)
                ? new Failures(1, now)
                : new Failures(current.count() + 1, now));
    }

    /** Forgets the failures of a key, after a success where a success resets the count. */
    void reset(String key) {
        failures.remove(key);
    }

    int size() {
        return failures.size();
    }

    private void makeRoom(Instant now) {
        failures.values().removeIf(current -> !isRecent(current, now));
        Iterator<Failures> any = failures.values().iterator();
        for (int excess = failures.size() - capacity + Math.max(1, capacity / 10); excess > 0 && any.hasNext(); excess--) {
            any.next();
            any.remove();
        }
    }

    private boolean isRecent(Failures current, Instant now) {
        return now.isBefore(current.last().plus(limit.duration()));
    }
}
