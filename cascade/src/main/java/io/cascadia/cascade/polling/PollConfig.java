package io.cascadia.cascade.polling;

import java.time.Duration;

/**
 * @param interval how often each site is asked what changed ({@code poll.interval})
 * @param overlap how far back each delta poll reaches before the last change seen, so changes stamped just before
 *     the previous poll (clock skew, slow commits) are not missed ({@code poll.overlap})
 * @param fullResync how often a site is listed in full, to catch what deltas missed and find orphans
 *     ({@code poll.full-resync})
 * @param orphanGrace how old a bottom copy without a top resource must be before it is deleted ({@code poll.orphan-grace})
 */
public record PollConfig(Duration interval, Duration overlap, Duration fullResync, Duration orphanGrace) {
    public static PollConfig defaults() {
        return new PollConfig(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(2));
    }
}
