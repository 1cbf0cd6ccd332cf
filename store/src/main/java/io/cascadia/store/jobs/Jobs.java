package io.cascadia.store.jobs;

import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobState;
import io.cascadia.core.jobs.Lease;
import io.cascadia.store.Filters;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Claiming and finishing jobs. A claim takes the oldest runnable jobs with {@code FOR UPDATE SKIP LOCKED}, so
 * workers on several nodes never take the same job, and never a job whose resource (its kind and id) has an older
 * unfinished job: jobs on one resource run one at a time, in order. A claim is a lease: a worker that dies loses its
 * jobs when the lease runs out, and another worker takes them again. Leases run out by the database's clock, so
 * nodes whose clocks disagree still agree on them, and each claim has its own token: only the run holding the
 * newest claim of a job can extend or finish it.
 */
public final class Jobs {
    private static final RowMapper<Job> MAPPER = (rs, ctx) -> new Job(
            rs.getLong("id"), rs.getString("type"), rs.getString("resource_type"), rs.getString("resource_id"),
            rs.getString("region"), rs.getString("payload"), JobState.fromWire(rs.getString("state")),
            rs.getInt("attempts"), instant(rs.getTimestamp("run_after")), instant(rs.getTimestamp("lease_until")),
            rs.getString("leased_by"), rs.getString("lease_token"), rs.getString("last_error"),
            rs.getString("request_id"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));

    private final Jdbi jdbi;

    public Jobs(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** {@link #claim(String, int, Set, Set, Duration, Instant) Claims} for a worker that runs no job yet. */
    public List<Job> claim(String worker, int limit, Set<String> excludedRegions, Duration lease, Instant now) {
        return claim(worker, limit, excludedRegions, Set.of(), lease, now);
    }

    /**
     * Leases up to {@code limit} runnable jobs to {@code worker}, each under a new token: pending ones whose backoff
     * has passed by {@code now} and running ones whose lease ran out by the database's clock, skipping jobs of the
     * {@code excludedRegions} (degraded or busy sites) and the {@code excludedJobs} (those the worker still runs,
     * whatever their lease says, so it never runs one job twice at once).
     */
    public List<Job> claim(String worker, int limit, Set<String> excludedRegions, Set<Long> excludedJobs,
                           Duration lease, Instant now) {
        return jdbi.inTransaction(h -> {
            Instant databaseNow = databaseNow(h);
            String regionCondition = excludedRegions.isEmpty() ? "" : " and (j.region is null or j.region not in (<excluded>))";
            String jobCondition = excludedJobs.isEmpty() ? "" : " and j.id not in (<running>)";
            var query = h.createQuery("""
                            select j.id from job j
                            where ((j.state = 'pending' and j.run_after <= :now)
                                   or (j.state = 'running' and j.lease_until < :databaseNow))
                            """ + regionCondition + jobCondition + """
                              and not exists (select 1 from job o where o.resource_id = j.resource_id
                                              and o.resource_type = j.resource_type and o.id < j.id
                                              and o.state in ('pending', 'running'))
                            order by j.priority, j.id
                            limit :limit
                            for update skip locked""")
                    .bind("now", now)
                    .bind("databaseNow", databaseNow)
                    .bind("limit", limit);
            if (!excludedRegions.isEmpty()) {
                query.bindList("excluded", List.copyOf(excludedRegions));
            }
            if (!excludedJobs.isEmpty()) {
                query.bindList("running", List.copyOf(excludedJobs));
            }
            List<Long> ids = query.mapTo(Long.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            h.createUpdate("""
                            update job set state = 'running', attempts = attempts + 1, lease_until = :leaseUntil,
                              leased_by = :worker, lease_token = :token, updated_at = :now
                            where id in (<ids>)""")
                    .bindList("ids", ids)
                    .bind("leaseUntil", databaseNow.plus(lease))
                    .bind("worker", worker)
                    .bind("token", UUID.randomUUID().toString())
                    .bind("now", now)
                    .execute();
            return h.createQuery("select * from job where id in (<ids>) order by id")
                    .bindList("ids", ids).map(MAPPER).list();
        });
    }

    /**
     * Extends the {@code leases} still held by {@code lease} from the database's clock, so a job that takes longer
     * than one lease is not taken by another worker meanwhile. Returns the leases that were not extended: their job
     * was claimed again or finished, and their runs can no longer record a result.
     */
    public Set<Lease> extendLeases(Collection<Lease> leases, Duration lease, Instant now) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        List<Lease> held = List.copyOf(leases);
        return jdbi.withHandle(h -> {
            Instant until = databaseNow(h).plus(lease);
            PreparedBatch batch = h.prepareBatch("""
                    update job set lease_until = :until, updated_at = :now
                    where id = :id and lease_token = :token and state = 'running'""");
            for (Lease each : held) {
                batch.bind("id", each.jobId()).bind("token", each.token()).bind("until", until).bind("now", now).add();
            }
            int[] extended = batch.execute();
            Set<Lease> lost = new HashSet<>();
            for (int i = 0; i < held.size(); i++) {
                if (extended[i] == 0) {
                    lost.add(held.get(i));
                }
            }
            return Set.copyOf(lost);
        });
    }

    /** Marks a job done, if {@code lease} still holds it. Returns whether it did. */
    public boolean succeed(Lease lease, Instant now) {
        return finish(lease, "succeeded", null, null, now);
    }

    /** Puts a job back to wait until {@code runAfter}, remembering why, if {@code lease} still holds it. */
    public boolean retry(Lease lease, Instant runAfter, String error, Instant now) {
        return finish(lease, "pending", runAfter, error, now);
    }

    /** Gives up on a job until an administrator redoes it, if {@code lease} still holds it. */
    public boolean fail(Lease lease, String error, Instant now) {
        return finish(lease, "failed", null, error, now);
    }

    /**
     * Releases a job without counting the attempt: the worker could not run it (its site went away), not the job
     * failed. It becomes runnable at {@code runAfter}. Does nothing unless {@code lease} still holds it.
     */
    public boolean release(Lease lease, Instant runAfter, String reason, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update job set state = 'pending', attempts = greatest(attempts - 1, 0), run_after = :runAfter,
                          lease_until = null, leased_by = null, lease_token = null,
                          last_error = coalesce(:reason, last_error), updated_at = :now
                        where id = :id and lease_token = :token and state = 'running'""")
                .bind("id", lease.jobId()).bind("token", lease.token())
                .bind("runAfter", runAfter).bind("reason", truncate(reason))
                .bind("now", now).execute()) > 0;
    }

    /** Makes a failed (or succeeded) job run again from its first attempt. Returns whether there was such a job. */
    public boolean redo(long id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update job set state = 'pending', attempts = 0, run_after = :now, lease_until = null,
                          leased_by = null, lease_token = null, updated_at = :now
                        where id = :id and state in ('failed', 'succeeded')""")
                .bind("id", id).bind("now", now).execute()) > 0;
    }

    public Optional<Job> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("select * from job where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /** Jobs matching the filters (null matches all), newest first; {@code beforeId} pages backwards. */
    public List<Job> list(JobState state, String region, String resourceId, String type, Long beforeId, int limit) {
        Filters filters = new Filters()
                .equal("state", state == null ? null : state.wire())
                .equal("region", region)
                .equal("resource_id", resourceId)
                .equal("type", type);
        if (beforeId != null) {
            filters.where("id < :beforeId", Map.of("beforeId", beforeId));
        }
        return jdbi.withHandle(h -> filters.bind(h.createQuery("select * from job" + filters.whereClause()
                        + " order by id desc limit :limit"))
                .bind("limit", limit).map(MAPPER).list());
    }

    /** How many jobs are in each state. */
    public Map<JobState, Integer> countByState() {
        return jdbi.withHandle(h -> {
            Map<JobState, Integer> counts = new java.util.EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                counts.put(state, 0);
            }
            h.createQuery("select state, count(*) as n from job group by state")
                    .map((rs, ctx) -> Map.entry(JobState.fromWire(rs.getString("state")), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    /** Deletes succeeded jobs last touched before {@code before}; returns how many. */
    public int pruneSucceeded(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("delete from job where state = 'succeeded' and updated_at < :before")
                .bind("before", before).execute());
    }

    private boolean finish(Lease lease, String state, Instant runAfter, String error, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update job set state = :state, run_after = coalesce(:runAfter, run_after), lease_until = null,
                          leased_by = null, lease_token = null, last_error = coalesce(:error, last_error),
                          updated_at = :now
                        where id = :id and lease_token = :token and state = 'running'""")
                .bind("id", lease.jobId()).bind("token", lease.token()).bind("state", state).bind("runAfter", runAfter)
                .bind("error", truncate(error)).bind("now", now).execute()) > 0;
    }

    /** The database's clock, which leases are measured by. */
    private static Instant databaseNow(Handle h) {
        return h.createQuery("select current_timestamp").mapTo(Instant.class).one().truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
