package io.cascadia.store.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.store.Database;
import io.cascadia.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A job is committed with the change that needs it, or not at all. */
class OutboxTest {
    @Test
    void aJobEnqueuedInARolledBackTransactionIsGoneWithIt() {
        try (Database database = Database.open(TestDatabases.h2(), null)) {
            JobQueue queue = new JobQueue(database.jdbi(), Clock.systemUTC());
            Jobs jobs = new Jobs(database.jdbi());

            assertThatThrownBy(() -> database.jdbi().useTransaction(h -> {
                queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", null));
                throw new IllegalStateException("the change failed after the job was written");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(jobs.list(null, null, null, null, null, 10)).isEmpty();

            database.jdbi().useTransaction(h -> queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s2", null)));
            assertThat(jobs.list(null, null, null, null, null, 10)).hasSize(1);
        }
    }

    @Test
    void aJobAlreadyWaitingOnTheSameResourceCoversTheNextChange() {
        try (Database database = Database.open(TestDatabases.h2(), null)) {
            JobQueue queue = new JobQueue(database.jdbi(), Clock.systemUTC());
            Jobs jobs = new Jobs(database.jdbi());
            JobSpec reconcile = JobSpec.of(JobType.REMOTE_PORT, "p1@site1", "site1");

            assertThat(queue.enqueueUnlessPending(reconcile)).isTrue();
            assertThat(queue.enqueueUnlessPending(reconcile)).isFalse();
            assertThat(queue.enqueueUnlessPending(JobSpec.of(JobType.REMOTE_PORT, "p1@site2", "site2"))).isTrue();
            assertThat(jobs.list(null, null, null, null, null, 10)).hasSize(2);

            jobs.claim("worker", 10, Set.of(), Duration.ofMinutes(1), Instant.now());
            assertThat(queue.enqueueUnlessPending(reconcile)).as("the running job may have read the state too early").isTrue();
        }
    }
}
