package io.cascadia.api.identity;

import static java.util.Objects.requireNonNull;

import io.cascadia.web.AuthContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validated tokens, by the hash of their secret, trusted for a TTL (and never past the token's expiry). It holds at
 * most {@code capacity} entries: when full, expired entries go first, then arbitrary ones, which only costs their
 * tokens a database read on next use. Thread-safe.
 */
final class ValidationCache {
    private record Entry(AuthContext auth, Instant until) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int capacity;
    private final Clock clock;

    ValidationCache(Duration ttl, int capacity, Clock clock) {
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The cached validation of a token, if it is still fresh; a stale one is removed. */
    Optional<AuthContext> find(String hash) {
        Entry entry = entries.get(hash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!isFresh(entry, clock.instant())) {
            entries.remove(hash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.auth());
    }

    void put(String hash, AuthContext auth) {
        if (ttl.isZero()) {
            return;
        }
        if (entries.size() >= capacity) {
            makeRoom();
        }
        entries.put(hash, new Entry(auth, clock.instant().plus(ttl)));
    }

    void remove(String hash) {
        entries.remove(hash);
    }

    /** Forgets every validation of one user's tokens. */
    void removeUser(String userId) {
        entries.values().removeIf(entry -> entry.auth().userId().equals(userId));
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private void makeRoom() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !isFresh(entry, now));
        // Still full of fresh entries: drop about a tenth, so the sweep does not run again on every put.
        Iterator<Entry> any = entries.values().iterator();
        for (int excess = entries.size() - capacity + Math.max(1, capacity / 10); excess > 0 && any.hasNext(); excess--) {
            any.next();
            any.remove();
        }
    }

    private static boolean isFresh(Entry entry, Instant now) {
        return now.isBefore(entry.until()) && now.isBefore(entry.auth().expiresAt());
    }
}
