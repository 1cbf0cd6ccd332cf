package io.cascadia.store.jobs;

import io.cascadia.core.jobs.JobSpec;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
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
        return jdbi.withHandle(h -> bound(h.createUpdate("""
                        insert into job (type, resource_type, resource_id, region, payload, priority, state, attempts, run_after,
                          request_id, created_at, updated_at)
                        values (:type, :resourceType, :resourceId, :region, :payload, :priority, 'pending', 0, :now,
                          :requestId, :now, :now)"""), spec)
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
        return jdbi.withHandle(h -> bound(h.createUpdate("""
                        insert into job (type, resource_type, resource_id, region, payload, priority, state, attempts, run_after,
                          request_id, created_at, updated_at)
                        select :type, :resourceType, :resourceId, :region, :payload, :priority, 'pending', 0, :now, :requestId,
                          :now, :now
                        where not exists (select 1 from job where resource_id = :resourceId and type = :type
                                          and state = 'pending')"""), spec)
                .execute()) > 0;
    }

    private Update bound(Update insert, JobSpec spec) {
        return insert.bind("type", spec.type().storedName())
                .bind("resourceType", spec.resourceKind().storedName())
                .bind("resourceId", spec.resourceId())
                .bind("region", spec.region())
                .bind("payload", spec.payload())
                .bind("priority", spec.priority())
                .bind("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                .bind("requestId", MDC.get("request_id"));
    }
}
