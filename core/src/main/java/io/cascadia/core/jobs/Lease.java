package io.cascadia.core.jobs;

import static java.util.Objects.requireNonNull;

/**
 * One claim of a job: only the run holding it may extend or finish the job. A claim that takes over an expired lease
 * gets a new token, so the run that held the old one changes nothing, even on the same worker.
 */
public record Lease(long jobId, String token) {
    public Lease {
        requireNonNull(token, "token is null");
    }
}
