package io.cascadia.cascade.jobs;

import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;

/**
 * Runs jobs of one type. Must be idempotent: a job may run again after a crash at any point, and running it twice
 * must leave the same single bottom resource. Reads desired state from the database, never from the job payload
 * alone, and actual state from the site.
 */
public interface JobHandler {
    JobType type();

    Result run(Job job) throws Exception;

    /**
     * Called once when the worker gives up on a job after its last attempt failed, so the handler can record the
     * failure where users see it (e.g. a server in ERROR with a fault). The job stays {@code failed} for redo.
     */
    default void gaveUp(Job job, String error) {
    }
}
