package io.cascadia.cascade.jobs;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.jobs.Lease;
import io.cascadia.sites.SiteException;
import io.cascadia.store.jobs.Jobs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Claims jobs and runs them on virtual threads, one place deciding retries and backoff. Jobs of degraded sites are
 * not claimed (they wait, keeping their attempts); a job whose site stops answering mid-run is released without
 * counting the attempt. Each site gets at most {@code perSiteConcurrency} of this node's slots. Every log line of a
 * job carries the request id that caused it and the job id.
 *
 * <p>A job runs at most once at a time on this worker: a job still running here is never claimed again, even when
 * its lease ran out (the database was away longer than the lease). A run whose job was claimed again elsewhere
 * meanwhile learns it from its heartbeat, and its result is not recorded.
 */
public final class JobWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final Jobs jobs;
    private final Map<JobType, JobHandler> handlers;
    private final Supplier<Set<String>> unavailableRegions;
    private final FaultPoints faults;
    private final JobWorkerConfig config;
    private final Clock clock;
    private final String name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Long, Run> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlightBySite = new ConcurrentHashMap<>();
    private final Counter succeeded;
    private final Counter retried;
    private final Counter failed;
    private final Counter released;
    private final Counter lost;
    private final Thread loop;
    private final java.util.concurrent.ScheduledExecutorService heartbeat;
    private volatile boolean stopping;
    private Instant lastPrune = Instant.EPOCH;

    public JobWorker(Jobs jobs, List<JobHandler> handlers, Supplier<Set<String>> unavailableRegions, JobWorkerConfig config,
                     Clock clock, MeterRegistry meters) {
        this(jobs, handlers, unavailableRegions, config, clock, meters, FaultPoints.NONE);
    }

    public JobWorker(Jobs jobs, List<JobHandler> handlers, Supplier<Set<String>> unavailableRegions, JobWorkerConfig config,
                     Clock clock, MeterRegistry meters, FaultPoints faults) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.handlers = byType(handlers);
        this.unavailableRegions = requireNonNull(unavailableRegions, "unavailableRegions is null");
        this.faults = requireNonNull(faults, "faults is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.succeeded = outcome(meters, "succeeded");
        this.retried = outcome(meters, "retried");
        this.failed = outcome(meters, "failed");
        this.released = outcome(meters, "released");
        this.lost = outcome(meters, "lost");
        this.loop = Thread.ofPlatform().name("job-worker").daemon().start(this::claimLoop);
        this.heartbeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("job-leases").daemon().factory());
        long every = Math.max(config.lease().toMillis() / 3, 10);
        heartbeat.scheduleWithFixedDelay(this::extendLeases, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    private void claimLoop() {
        while (!stopping) {
            try {
                int claimed = claimAndStart();
                pruneNowAndThen();
                if (claimed == 0) {
                    Thread.sleep(config.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("claiming jobs failed: {}", e.toString());
                sleepQuietly(config.pollInterval().multipliedBy(10));
            }
        }
    }

    private int claimAndStart() {
        int free = config.concurrency() - inFlight.get();
        if (free <= 0) {
            return 0;
        }
        Set<String> excluded = new HashSet<>(unavailableRegions.get());
        inFlightBySite.forEach((region, count) -> {
            if (count.get() >= config.perSiteConcurrency()) {
                excluded.add(region);
            }
        });
        List<Job> claimed = jobs.claim(name, free, excluded, Set.copyOf(running.keySet()), config.lease(), now());
        int started = 0;
        for (Job job : claimed) {
            AtomicInteger siteCount = job.region() == null ? null : inFlightBySite.computeIfAbsent(job.region(), r -> new AtomicInteger());
            if (siteCount != null && siteCount.get() >= config.perSiteConcurrency()) {
                // The batch held more jobs for this site than it has slots: hand them back for the next round.
                jobs.release(job.lease(), now(), null, now());
                continue;
            }
            inFlight.incrementAndGet();
            if (siteCount != null) {
                siteCount.incrementAndGet();
            }
            Run run = new Run(job.lease());
            running.put(job.id(), run);
            Thread.ofVirtual().name("job-" + job.id()).start(() -> {
                try {
                    run(job, run);
                } catch (RuntimeException e) {
                    LOG.warn("job {} {}: recording its result failed, it runs again when its lease runs out: {}",
                            job.id(), job.type(), e.toString());
                } finally {
                    running.remove(job.id(), run);
                    inFlight.decrementAndGet();
                    if (siteCount != null) {
                        siteCount.decrementAndGet();
                    }
                }
            });
            started++;
        }
        return started;
    }

    /** One handler per type: a second would make which of them runs depend on list order. */
    private static Map<JobType, JobHandler> byType(List<JobHandler> handlers) {
        Map<JobType, JobHandler> byType = new EnumMap<>(JobType.class);
        for (JobHandler handler : handlers) {
            if (byType.put(handler.type(), handler) != null) {
                throw new IllegalArgumentException("two handlers for job type " + handler.type());
            }
        }
        return Collections.unmodifiableMap(byType);
    }

    private void run(Job job, Run run) {
        Lease lease = run.lease;
        MDC.put("request_id", job.requestId() != null ? job.requestId() : "job-" + job.id());
        MDC.put("job_id", Long.toString(job.id()));
        JobHandler handler = JobType.named(job.type()).map(handlers::get).orElse(null);
        try {
            if (handler == null) {
                record(run, jobs.fail(lease, "no handler for job type " + job.type(), now()), failed);
                return;
            }
            Result result = handler.run(job);
            switch (result) {
                case Result.Done done -> {
                    faults.reached(FaultPoint.BEFORE_RECORDING_RESULT, job.type() + " " + job.resourceId());
                    record(run, jobs.succeed(lease, now()), succeeded);
                }
                case Result.RetryAfter retry ->
                        record(run, jobs.release(lease, now().plus(retry.delay()), retry.reason(), now()), released);
            }
        } catch (SiteException.Unreachable e) {
            LOG.info("job {} {} waits for site {}: {}", job.id(), job.type(), e.region(), e.getMessage());
            record(run, jobs.release(lease, now().plus(config.baseBackoff()), e.getMessage(), now()), released);
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (job.attempts() >= config.maxAttempts()) {
                LOG.warn("job {} {} on {} failed after {} attempts: {}", job.id(), job.type(), job.resourceId(), job.attempts(), error, e);
                if (record(run, jobs.fail(lease, error, now()), failed)) {
                    handler.gaveUp(job, error);
                }
            } else {
                Duration delay = backoff(job.attempts());
                LOG.info("job {} {} on {} attempt {} failed, retrying in {} ms: {}", job.id(), job.type(), job.resourceId(),
                        job.attempts(), delay.toMillis(), error);
                record(run, jobs.retry(lease, now().plus(delay), error, now()), retried);
            }
        } finally {
            MDC.remove("request_id");
            MDC.remove("job_id");
        }
    }

    /**
     * Counts a run's outcome if its lease still held the job when the outcome was written; otherwise a newer claim
     * owns the job, and this run's outcome is dropped. Returns whether it was recorded.
     */
    private boolean record(Run run, boolean recorded, Counter outcome) {
        if (recorded) {
            outcome.increment();
        } else {
            LOG.warn("job {} was claimed again while this run went on; its result is not recorded", run.lease.jobId());
            lost.increment();
        }
        return recorded;
    }

    /**
     * Keeps the leases of running jobs alive, so only a worker that died loses its jobs; a run whose lease is gone
     * (its job claimed again after the lease ran out) is marked lost.
     */
    private void extendLeases() {
        try {
            Map<Lease, Run> held = running.values().stream().filter(run -> !run.lost)
                    .collect(Collectors.toMap(run -> run.lease, run -> run));
            for (Lease gone : jobs.extendLeases(held.keySet(), config.lease(), now())) {
                Run run = held.get(gone);
                if (running.get(gone.jobId()) == run) {
                    run.lost = true;
                    LOG.warn("job {} lost its lease to a newer claim while it still runs here", gone.jobId());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("extending job leases failed: {}", e.toString());
        }
    }

    /** A job running on this worker under one lease; lost once the job was claimed again meanwhile. */
    private static final class Run {
        final Lease lease;
        volatile boolean lost;

        Run(Lease lease) {
            this.lease = lease;
        }
    }

    /** Exponential backoff with jitter: base × 2^(attempt-1), at most the maximum. */
    Duration backoff(int attempt) {
        long base = config.baseBackoff().toMillis();
        long exponential = base << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(exponential, config.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void pruneNowAndThen() {
        Instant now = now();
        if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) > 0) {
            lastPrune = now;
            int pruned = jobs.pruneSucceeded(now.minus(config.retention()));
            if (pruned > 0) {
                LOG.info("pruned {} succeeded jobs older than {}", pruned, config.retention());
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("cascadia.jobs").description("Job runs by outcome").tag("outcome", outcome).register(meters);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming; jobs in flight finish or are left to their leases. */
    @Override
    public void close() {
        stopping = true;
        loop.interrupt();
        heartbeat.shutdownNow();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleepQuietly(Duration.ofMillis(20));
        }
    }
}
