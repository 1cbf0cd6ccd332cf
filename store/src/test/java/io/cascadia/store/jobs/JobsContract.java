package io.cascadia.store.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobState;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.jobs.Lease;
import io.cascadia.store.Database;
import io.cascadia.store.DatabaseConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job table's guarantees: one worker per job, one job at a time per resource, leases, backoff, redo. */
abstract class JobsContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration SHORT_LEASE = Duration.ofMillis(200);

    private Database database;
    private JobQueue queue;
    private Jobs jobs;
    private Instant now;

    abstract DatabaseConfig newDatabase();

    @BeforeEach
    void open() {
        database = Database.open(newDatabase(), null);
        now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        queue = new JobQueue(database.jdbi(), Clock.fixed(now, ZoneOffset.UTC));
        jobs = new Jobs(database.jdbi());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aClaimLeasesTheOldestRunnableJobsToTheWorker() {
        long first = queue.enqueue(JobSpec.of(JobType.REMOTE_PORT_SWEEP, "n1@site1", "site1"));
        long second = queue.enqueue(JobSpec.of(JobType.REMOTE_PORT_SWEEP, "n2@site1", "site1"));

        List<Job> claimed = jobs.claim("w1", 1, Set.of(), LEASE, now);

        assertThat(claimed).extracting(Job::id).containsExactly(first);
        Job job = claimed.getFirst();
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.leasedBy()).isEqualTo("w1");
        assertThat(job.leaseUntil()).isCloseTo(Instant.now().plus(LEASE), within(5, ChronoUnit.SECONDS));
        assertThat(jobs.claim("w2", 10, Set.of(), LEASE, now)).extracting(Job::id).containsExactly(second);
    }

    @Test
    void jobsOnOneResourceRunOneAtATimeInTheirOrder() {
        long create = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        long stop = queue.enqueue(JobSpec.of(JobType.SERVER_ACTION, "s1", "site1"));
        long other = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s2", "site1"));

        List<Job> claimed = jobs.claim("w1", 10, Set.of(), LEASE, now);
        assertThat(claimed).extracting(Job::id).containsExactly(create, other);
        assertThat(jobs.claim("w2", 10, Set.of(), LEASE, now)).isEmpty();

        assertThat(jobs.succeed(claimed.getFirst().lease(), now)).isTrue();
        assertThat(jobs.claim("w2", 10, Set.of(), LEASE, now)).extracting(Job::id).containsExactly(stop);
    }

    @Test
    void aJobWhoseLeaseRanOutIsTakenByAnotherWorkerAndTheFirstCannotFinishIt() throws Exception {
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        Lease crashed = jobs.claim("crashed", 1, Set.of(), SHORT_LEASE, now).getFirst().lease();

        assertThat(jobs.claim("w2", 1, Set.of(), LEASE, now)).isEmpty();
        Thread.sleep(SHORT_LEASE.multipliedBy(2).toMillis());
        List<Job> reclaimed = jobs.claim("w2", 1, Set.of(), LEASE, now);

        assertThat(reclaimed).extracting(Job::id).containsExactly(id);
        assertThat(reclaimed.getFirst().attempts()).isEqualTo(2);
        assertThat(jobs.succeed(crashed, now)).isFalse();
        assertThat(jobs.succeed(reclaimed.getFirst().lease(), now)).isTrue();
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aRunWhoseLeaseWasTakenOverCanNeitherExtendNorFinishTheJob() throws Exception {
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        Lease old = jobs.claim("w1", 1, Set.of(), SHORT_LEASE, now).getFirst().lease();
        Thread.sleep(SHORT_LEASE.multipliedBy(2).toMillis());
        List<Job> takeover = jobs.claim("w1", 1, Set.of(), LEASE, now);
        assertThat(takeover).extracting(Job::id).containsExactly(id);
        Lease current = takeover.getFirst().lease();

        assertThat(jobs.extendLeases(List.of(old, current), LEASE, now)).as("leases not extended").containsExactly(old);
        assertThat(jobs.succeed(old, now)).as("the old run's finish").isFalse();
        assertThat(jobs.fail(old, "old run", now)).as("the old run's failure").isFalse();
        assertThat(jobs.release(old, now, "old run", now)).as("the old run's release").isFalse();

        Job job = jobs.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.lastError()).isNull();
        assertThat(jobs.succeed(current, now)).isTrue();
    }

    @Test
    void aWorkerDoesNotClaimAJobItStillRunsWhenItsLeaseRanOut() throws Exception {
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        Lease lease = jobs.claim("w1", 1, Set.of(), SHORT_LEASE, now).getFirst().lease();
        Thread.sleep(SHORT_LEASE.multipliedBy(2).toMillis());

        assertThat(jobs.claim("w1", 1, Set.of(), Set.of(id), LEASE, now)).isEmpty();
        assertThat(jobs.extendLeases(List.of(lease), LEASE, now)).as("nobody took it: the lease is still its run's")
                .isEmpty();
        assertThat(jobs.claim("w2", 1, Set.of(), LEASE, now)).isEmpty();
    }

    @Test
    void leasesRunOutByTheDatabasesClockNotTheNodes() {
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        jobs.claim("w1", 1, Set.of(), LEASE, now);

        assertThat(jobs.claim("w2", 1, Set.of(), LEASE, now.plus(Duration.ofHours(1))))
                .as("a node whose clock is an hour ahead").isEmpty();
        assertThat(jobs.find(id).orElseThrow().leasedBy()).isEqualTo("w1");
    }

    @Test
    void jobsOnResourcesOfDifferentKindsWithTheSameIdDoNotWaitForEachOther() {
        long keypair = queue.enqueue(JobSpec.of(JobType.KEYPAIR_RELEASE, "5", null));
        long flavor = queue.enqueue(JobSpec.of(JobType.FLAVOR_SYNC, "5", null));
        queue.enqueue(JobSpec.of(JobType.FLAVOR_SYNC, "5", null));

        assertThat(jobs.claim("w1", 10, Set.of(), LEASE, now)).extracting(Job::id).containsExactly(keypair, flavor);
    }

    @Test
    void aRetriedJobWaitsForItsBackoffAndKeepsItsError() {
        queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        Lease lease = jobs.claim("w1", 1, Set.of(), LEASE, now).getFirst().lease();
        jobs.retry(lease, now.plusSeconds(5), "site answered 503", now);

        assertThat(jobs.claim("w1", 1, Set.of(), LEASE, now.plusSeconds(4))).isEmpty();
        assertThat(jobs.claim("w1", 1, Set.of(), LEASE, now.plusSeconds(5))).extracting(Job::lastError)
                .containsExactly("site answered 503");
    }

    @Test
    void jobsOfExcludedSitesWaitWhileOthersAndSitelessJobsRun() {
        queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "down-site"));
        long elsewhere = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s2", "site2"));
        long unplaced = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s3", null));

        assertThat(jobs.claim("w1", 10, Set.of("down-site"), LEASE, now)).extracting(Job::id).containsExactly(elsewhere, unplaced);
    }

    @Test
    void aReleasedJobDoesNotCountTheAttempt() {
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        Lease lease = jobs.claim("w1", 1, Set.of(), LEASE, now).getFirst().lease();

        assertThat(jobs.release(lease, now, "site went down", now)).isTrue();

        Job job = jobs.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.attempts()).isZero();
    }

    @Test
    void aFailedJobCanBeRedoneFromItsFirstAttempt() {
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        Lease lease = jobs.claim("w1", 1, Set.of(), LEASE, now).getFirst().lease();
        jobs.fail(lease, "flavor not found in site", now);
        assertThat(jobs.list(JobState.FAILED, null, null, null, null, 10)).extracting(Job::id).containsExactly(id);

        assertThat(jobs.redo(id, now)).isTrue();

        Job job = jobs.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.attempts()).isZero();
        assertThat(job.lastError()).isEqualTo("flavor not found in site");
        assertThat(jobs.redo(id, now)).isFalse();
    }

    @Test
    void succeededJobsAreKeptUntilPruned() {
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        Lease lease = jobs.claim("w1", 1, Set.of(), LEASE, now).getFirst().lease();
        jobs.succeed(lease, now);

        assertThat(jobs.pruneSucceeded(now)).isZero();
        assertThat(jobs.pruneSucceeded(now.plusSeconds(1))).isEqualTo(1);
        assertThat(jobs.find(id)).isEmpty();
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        int total = 200;
        for (int i = 0; i < total; i++) {
            queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s" + i, "site" + (i % 3)));
        }
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService workers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                futures.add(workers.submit(() -> {
                    List<Job> batch;
                    while (!(batch = jobs.claim(worker, 7, Set.of(), LEASE, now)).isEmpty()) {
                        batch.forEach(job -> claimed.add(job.id()));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(claimed).hasSize(total);
        assertThat(new HashSet<>(claimed)).hasSize(total);
    }
}
