package io.cascadia.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.api.MutableClock;
import io.cascadia.web.AuthContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationCacheTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void neverHoldsMoreThanItsCapacity() {
        ValidationCache cache = new ValidationCache(Duration.ofSeconds(5), 100, clock);
        for (int i = 0; i < 1_000; i++) {
            cache.put("token-" + i, auth("user-" + i));
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.find("token-999")).isPresent();
    }

    @Test
    void aFullCacheDropsExpiredEntriesBeforeFreshOnes() {
        ValidationCache cache = new ValidationCache(Duration.ofSeconds(5), 3, clock);
        cache.put("old-1", auth("u1"));
        cache.put("old-2", auth("u2"));
        clock.advance(Duration.ofSeconds(6));
        cache.put("fresh-1", auth("u3"));

        cache.put("fresh-2", auth("u4"));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.find("fresh-1")).isPresent();
        assertThat(cache.find("fresh-2")).isPresent();
    }

    @Test
    void aStaleEntryIsNeitherServedNorKept() {
        ValidationCache cache = new ValidationCache(Duration.ofSeconds(5), 10, clock);
        cache.put("token", auth("u1"));
        clock.advance(Duration.ofSeconds(5));

        assertThat(cache.find("token")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anEntryIsNotServedPastItsTokensExpiry() {
        ValidationCache cache = new ValidationCache(Duration.ofMinutes(5), 10, clock);
        cache.put("token", new AuthContext("secret", "u1", "user", "default", null, null, null, null, List.of(),
                clock.instant().plusSeconds(1)));
        clock.advance(Duration.ofSeconds(2));

        assertThat(cache.find("token")).isEmpty();
    }

    @Test
    void removingAUserForgetsOnlyThatUsersTokens() {
        ValidationCache cache = new ValidationCache(Duration.ofSeconds(5), 10, clock);
        cache.put("a1", auth("alice"));
        cache.put("a2", auth("alice"));
        cache.put("b1", auth("bob"));

        cache.removeUser("alice");

        assertThat(cache.find("a1")).isEmpty();
        assertThat(cache.find("a2")).isEmpty();
        assertThat(cache.find("b1")).isPresent();
    }

    @Test
    void aZeroTtlCachesNothing() {
        ValidationCache cache = new ValidationCache(Duration.ZERO, 10, clock);
        cache.put("token", auth("u1"));

        assertThat(cache.find("token")).isEmpty();
    }

    private AuthContext auth(String userId) {
        return new AuthContext("secret-" + userId, userId, userId, "default", "p", "p", "default", null, List.of("member"),
                clock.instant().plus(Duration.ofHours(1)));
    }
}
