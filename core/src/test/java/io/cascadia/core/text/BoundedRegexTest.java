package io.cascadia.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BoundedRegexTest {
    private static long in(Duration duration) {
        return System.nanoTime() + duration.toNanos();
    }

    @Test
    void findsAsTheMatcherDoesWithinTheDeadline() {
        assertThat(BoundedRegex.find(Pattern.compile("^db-"), "db-1", in(Duration.ofSeconds(5)))).isTrue();
        assertThat(BoundedRegex.find(Pattern.compile("web"), "db-1", in(Duration.ofSeconds(5)))).isFalse();
        assertThat(BoundedRegex.find(Pattern.compile("b-1$"), "db-1", in(Duration.ofSeconds(5)))).isTrue();
    }

    @Test
    void aCatastrophicPatternIsAbandonedSoonAfterTheDeadline() {
        // (.*a){25}$ backtracks exponentially in java.util.regex, which memoizes the better known (a+)+$
        long started = System.nanoTime();
        assertThatThrownBy(() -> BoundedRegex.find(Pattern.compile("(.*a){25}$"), "a".repeat(60) + "!",
                in(Duration.ofMillis(200))))
                .isInstanceOf(RegexTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
}
