package io.cascadia.core.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Stopping periodic background work: no new rounds, then a bounded wait for the tasks a round started. */
public final class Shutdowns {
    /** Long enough for a site call in flight to answer; after it, tasks still running are interrupted. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private Shutdowns() {
    }

    /** Stops {@code timer} from starting rounds, then lets {@code tasks} finish within the grace period. */
    public static void stop(ScheduledExecutorService timer, ExecutorService tasks) {
        timer.shutdownNow();
        tasks.shutdown();
        try {
            timer.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            if (!tasks.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                tasks.shutdownNow();
            }
        } catch (InterruptedException e) {
            tasks.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
