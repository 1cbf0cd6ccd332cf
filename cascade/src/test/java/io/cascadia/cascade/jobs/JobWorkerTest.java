package io.cascadia.cascade.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobState;
import io.cascadia.core.jobs.JobType;
import io.cascadia.sites.SiteException;
import io.cascadia.store.Database;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.jobs.Jobs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the worker runs jobs: outcomes, retries and backoff, waiting for sites, per-site bulkheads, order. */
class JobWorkerTest {
    private static final JobWorkerConfig FAST = new JobWorkerConfig(8, 2, Duration.ofSeconds(30), Duration.ofMillis(10), 3,
            Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofHours(1));

    private Database database;
    private JobQueue queue;
    private Jobs jobs;
    private JobWorker worker;
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void open() {
        database = Database.open(DatabaseConfig.inMemory("worker-" + UUID.randomUUID()), null);
        queue = new JobQueue(database.jdbi(), Clock.systemUTC());
        jobs = new Jobs(database.jdbi());
    }

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
        database.close();
    }

    private void start(JobHandler... handlers) {
        worker = new JobWorker(jobs, List.of(handlers), () -> Set.copyOf(unavailable), FAST, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    private static JobHandler handler(JobType type, ThrowingFunction body) {
        return new JobHandler() {
            @Override
            public JobType type() {
                return type;
            }

            @Override
            public Result run(Job job) throws Exception {
                return body.apply(job);
            }
        };
    }

    @FunctionalInterface
    interface ThrowingFunction {
        Result apply(Job job) throws Exception;
    }

    @Test
    void aJobThatSucceedsIsKeptAsSucceeded() {
        start(handler(JobType.SERVER_BUILD, job -> Result.done()));
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_BUILD, "s1", "site1"));

        awaitState(id, JobState.SUCCEEDED);
        assertThat(jobs.find(id).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aFailingJobIsRetriedWithBackoffThenGivenUpWithItsError() {
        AtomicInteger runs = new AtomicInteger();
        start(handler(JobType.SERVER_BUILD, job -> {
            runs.incrementAndGet();
            throw new IllegalStateException("flavor m1.tiny not found");
        }));
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_BUILD, "s1", "site1"));

        awaitState(id, JobState.FAILED);
        Job job = jobs.find(id).orElseThrow();
        assertThat(runs.get()).isEqualTo(FAST.maxAttempts());
        assertThat(job.attempts()).isEqualTo(FAST.maxAttempts());
        assertThat(job.lastError()).isEqualTo("IllegalStateException: flavor m1.tiny not found");
    }

    @Test
    void aJobWithoutAHandlerFailsAtOnce() {
        start();
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));

        awaitState(id, JobState.FAILED);
        assertThat(jobs.find(id).orElseThrow().lastError()).contains("no handler for job type server.create");
    }

    @Test
    void jobsOfAnUnavailableSiteWaitWithoutSpendingAttemptsAndResumeWhenItReturns() throws Exception {
        unavailable.add("site1");
        start(handler(JobType.SERVER_BUILD, job -> Result.done()));
        long waiting = queue.enqueue(JobSpec.of(JobType.SERVER_BUILD, "s1", "site1"));
        long elsewhere = queue.enqueue(JobSpec.of(JobType.SERVER_BUILD, "s2", "site2"));

        awaitState(elsewhere, JobState.SUCCEEDED);
        Thread.sleep(100);
        assertThat(jobs.find(waiting).orElseThrow().state()).isEqualTo(JobState.PENDING);
        assertThat(jobs.find(waiting).orElseThrow().attempts()).isZero();

        unavailable.remove("site1");
        awaitState(waiting, JobState.SUCCEEDED);
    }

    @Test
    void aSiteThatStopsAnsweringMidJobGetsTheJobBackWithoutCountingTheAttempt() {
        AtomicInteger runs = new AtomicInteger();
        start(handler(JobType.SERVER_BUILD, job -> {
            if (runs.incrementAndGet() == 1) {
                throw new SiteException.Unreachable("site1", "connection refused", null);
            }
            return Result.done();
        }));
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_BUILD, "s1", "site1"));

        awaitState(id, JobState.SUCCEEDED);
        assertThat(runs.get()).isEqualTo(2);
        assertThat(jobs.find(id).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aSlowSiteDoesNotHoldUpTheJobsOfOtherSites() {
        CountDownLatch slowSiteAnswers = new CountDownLatch(1);
        start(handler(JobType.SERVER_BUILD, job -> {
            if (job.region().equals("slow")) {
                slowSiteAnswers.await();
            }
            return Result.done();
        }));
        List<Long> slow = new ArrayList<>();
        List<Long> fast = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            slow.add(queue.enqueue(JobSpec.of(JobType.SERVER_BUILD, "slow-" + i, "slow")));
        }
        for (int i = 0; i < 10; i++) {
            fast.add(queue.enqueue(JobSpec.of(JobType.SERVER_BUILD, "fast-" + i, "fast")));
        }

        fast.forEach(id -> awaitState(id, JobState.SUCCEEDED));
        long slowRunning = slow.stream().filter(id -> jobs.find(id).orElseThrow().state() == JobState.RUNNING).count();
        assertThat(slowRunning).isLessThanOrEqualTo(FAST.perSiteConcurrency());

        slowSiteAnswers.countDown();
        slow.forEach(id -> awaitState(id, JobState.SUCCEEDED));
    }

    @Test
    void jobsOnOneResourceRunOneAfterAnotherInOrder() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        start(handler(JobType.SERVER_ACTION, job -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.sleep(5);
            order.add(job.payload());
            running.decrementAndGet();
            return Result.done();
        }));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(queue.enqueue(new JobSpec(JobType.SERVER_ACTION, "s1", "site1", "{\"step\":" + i + "}")));
        }

        ids.forEach(id -> awaitState(id, JobState.SUCCEEDED));
        assertThat(order).containsExactly("{\"step\":0}", "{\"step\":1}", "{\"step\":2}", "{\"step\":3}", "{\"step\":4}");
        assertThat(overlaps.get()).isZero();
    }

    @Test
    void jobsOnResourcesOfDifferentKindsWithTheSameIdRunAtTheSameTime() {
        CountDownLatch bothRunning = new CountDownLatch(2);
        ThrowingFunction meetTheOther = job -> {
            bothRunning.countDown();
            if (!bothRunning.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other job did not start while this one ran");
            }
            return Result.done();
        };
        start(handler(JobType.KEYPAIR_RELEASE, meetTheOther), handler(JobType.FLAVOR_SYNC, meetTheOther));
        long keypair = queue.enqueue(JobSpec.of(JobType.KEYPAIR_RELEASE, "5", null));
        long flavor = queue.enqueue(JobSpec.of(JobType.FLAVOR_SYNC, "5", null));

        awaitState(keypair, JobState.SUCCEEDED);
        awaitState(flavor, JobState.SUCCEEDED);
        assertThat(jobs.find(keypair).orElseThrow().attempts()).isEqualTo(1);
        assertThat(jobs.find(flavor).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void twoHandlersForOneTypeAreRefusedAtStart() {
        assertThatThrownBy(() -> start(handler(JobType.SERVER_BUILD, job -> Result.done()),
                handler(JobType.SERVER_BUILD, job -> Result.done())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two handlers for job type server.build");
    }

    private void awaitState(long id, JobState state) {
        await(() -> jobs.find(id).orElseThrow().state() == state,
                () -> "job " + id + " did not reach " + state + ": " + jobs.find(id).orElseThrow());
    }

    static void await(BooleanSupplier condition, java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
