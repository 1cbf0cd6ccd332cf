package io.cascadia.cascade.jobs;

import java.time.Duration;

/**
 * What one step of a job achieved. {@link Done}: nothing more to do (terminal errors are recorded as conditions,
 * e.g. a server fault, and are Done too). {@link RetryAfter}: progress was made or the world must change first;
 * run again later. An exception means "retry with backoff"; backoff lives in the worker, not in handlers.
 */
public sealed interface Result permits Result.Done, Result.RetryAfter {
    record Done() implements Result {
    }

    record RetryAfter(Duration delay, String reason) implements Result {
    }

    static Result done() {
        return new Done();
    }

    static Result retryAfter(Duration delay, String reason) {
        return new RetryAfter(delay, reason);
    }
}
