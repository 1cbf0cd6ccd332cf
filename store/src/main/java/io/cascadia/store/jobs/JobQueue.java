package io.cascadia.store.jobs;

import io.cascadia.core.jobs.JobSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.MDC;

/**
 * Writes jobs to the outbox. Call {@link #enqueue} inside the transaction of the change that needs the job
 * ({@code jdbi.useTransaction(h -> { ...change...; jobs.enqueue(spec); })}): the nested call joins that
 * transaction, so the change and its job are committed together or not at all.
 */
public final class JobQueue {
    private final Jdbi jdbi;
    private final Clock clock;

    public JobQueue(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Adds a pending job, runnable now; returns its id. The caller's request id is kept for the worker's logs. */
    public long enqueue(JobSpec spec) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return jdbi.withHandle(h -> h.createUpdate("""
                        insert into job (type, resource_type, resource_id, region, payload, priority, state, attempts, run_after,
                          request_id, created_at, updated_at)
                        values (:type, :resourceType, :resourceId, :region, :payload, :priority, 'pending', 0, :now,
                          :requestId, :now, :now)""")
                .bindMethods(spec)
                .bind("now", now)
                .bind("requestId", MDC.get("request_id"))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    /**
     * Adds a pending job unless one of the same type on the same resource is already pending (not yet started): a
     * reconciler reads the current state when it runs, so one waiting job covers every change made before it starts.
     * Returns whether it added one. Two callers racing may both add; the second job then finds nothing to do.
     */
    public boolean enqueueUnlessPending(JobSpec spec) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return jdbi.withHandle(h -> h.createUpdate("""
                        insert into job (type, resource_type, resource_id, region, payload, priority, state, attempts, run_after,
                          request_id, created_at, updated_at)
                        select :type, :resourceType, :resourceId, :region, :payload, :priority, 'pending', 0, :now, :requestId,
                          :now, :now
                        where not exists (select 1 from job where resource_id = :resourceId and type = :type
                                          and state = 'pending')""")
                .bindMethods(spec)
                .bind("now", now)
                .bind("requestId", MDC.get("request_id"))
                .execute()) > 0;
    }
}
