package io.cascadia.cascade.jobs;

import java.time.Duration;

/**
 * @param concurrency jobs run at once by this node ({@code jobs.concurrency})
 * @param perSiteConcurrency jobs run at once against one site, so one slow site cannot take every slot
 *     ({@code jobs.per-site-concurrency})
 * @param lease how long a claimed job is this worker's before another may take it ({@code jobs.lease})
 * @param pollInterval how often to look for work when idle ({@code jobs.poll-interval})
 * @param maxAttempts failed attempts before a job is given up on and waits for redo ({@code jobs.max-attempts})
 * @param baseBackoff first retry delay, doubled per attempt up to {@code maxBackoff} ({@code jobs.backoff})
 * @param retention how long succeeded jobs are kept for inspection ({@code jobs.retention})
 */
public record JobWorkerConfig(int concurrency, int perSiteConcurrency, Duration lease, Duration pollInterval,
                              int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration retention) {
    public JobWorkerConfig {
        if (concurrency < 1 || perSiteConcurrency < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("jobs.concurrency, jobs.per-site-concurrency and jobs.max-attempts must be positive");
        }
    }

    public static JobWorkerConfig defaults() {
        return new JobWorkerConfig(128, 32, Duration.ofSeconds(60), Duration.ofMillis(100), 10,
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24));
    }
}
