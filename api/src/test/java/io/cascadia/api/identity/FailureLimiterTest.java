package io.cascadia.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.api.MutableClock;
import io.cascadia.api.identity.IdentityConfig.FailureLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void neverTracksMoreKeysThanItsCapacity() {
        FailureLimiter limiter = new FailureLimiter(new FailureLimit(3, Duration.ofMinutes(5)), 100, clock);
        for (int i = 0; i < 1_000; i++) {
            limiter.failed("address-" + i);
            assertThat(limiter.size()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void aFullTableForgetsStaleKeysBeforeALockedOutOne() {
        FailureLimiter limiter = new FailureLimiter(new FailureLimit(2, Duration.ofMinutes(5)), 3, clock);
        limiter.failed("stale-1");
        limiter.failed("stale-2");
        clock.advance(Duration.ofMinutes(6));
        limiter.failed("attacker");
        limiter.failed("attacker");

        limiter.failed("newcomer");

        assertThat(limiter.isLockedOut("attacker")).isTrue();
        assertThat(limiter.size()).isEqualTo(2);
    }

    @Test
    void theLockoutEndsTheDurationAfterTheLastFailure() {
        FailureLimiter limiter = new FailureLimiter(new FailureLimit(2, Duration.ofMinutes(5)), 10, clock);
        limiter.failed("user");
        clock.advance(Duration.ofMinutes(4));
        limiter.failed("user");
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.isLockedOut("user")).isTrue();

        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.isLockedOut("user")).isFalse();
        limiter.failed("user");
        assertThat(limiter.isLockedOut("user")).as("the old failures are forgotten").isFalse();
    }

    @Test
    void anOffLimitNeverLocksOutNorTracks() {
        FailureLimiter limiter = new FailureLimiter(FailureLimit.OFF, 10, clock);
        for (int i = 0; i < 100; i++) {
            limiter.failed("user");
        }
        assertThat(limiter.isLockedOut("user")).isFalse();
        assertThat(limiter.size()).isZero();
    }
}
