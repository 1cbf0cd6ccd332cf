package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.JobWorker;
import io.cascadia.cascade.jobs.JobWorkerConfig;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobState;
import io.cascadia.core.jobs.JobType;
import io.cascadia.store.Database;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.jobs.Jobs;
import io.cascadia.testkit.PostgresServer;
import io.cascadia.testkit.TcpProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job database (PostgreSQL, behind a proxy the test cuts off) becomes unreachable while a job is making a copy
 * in an emulated site, for longer than the job's lease. When the database returns, the worker must not start the
 * job again while its first run is still in progress: the site ends with one copy.
 */
class DatabaseOutageDuringAJobTest {
    private static final Duration LEASE = Duration.ofMillis(500);
    private static final JobWorkerConfig SHORT_LEASES = new JobWorkerConfig(8, 8, LEASE, Duration.ofMillis(10), 5,
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(1));

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseOutageLongerThanTheLeaseWhileAJobRunsLeavesOneCopyInTheSite() throws Exception {
        PostgresServer postgres = PostgresServer.get();
        try (TestCloud cloud = TestCloud.start(dataDir, 1, FaultPoints.NONE);
             TcpProxy proxy = TcpProxy.start("127.0.0.1", postgres.port());
             Database database = Database.open(new DatabaseConfig(postgres.newDatabase()
                     .replace(":" + postgres.port() + "/", ":" + proxy.port() + "/"), postgres.user(), "", 4), null)) {
            SlowSiteCopies copies = new SlowSiteCopies(cloud);
            Jobs jobs = new Jobs(database.jdbi());
            long id = new JobQueue(database.jdbi(), Clock.systemUTC())
                    .enqueue(JobSpec.of(SlowSiteCopies.TYPE, "n1", "site1"));

            try (JobWorker worker = new JobWorker(jobs, List.of(copies), Set::of, SHORT_LEASES, Clock.systemUTC(),
                    new SimpleMeterRegistry())) {
                assertThat(copies.firstCreateWaits.await(20, TimeUnit.SECONDS)).as("the first run reached the site").isTrue();
                proxy.cutOff();
                Thread.sleep(LEASE.multipliedBy(3).toMillis());
                proxy.restore();
                Thread.sleep(LEASE.multipliedBy(3).toMillis());
                copies.siteAnswers.countDown();

                TestCloud.await(() -> jobs.find(id).orElseThrow().state() == JobState.SUCCEEDED && copies.inProgress.get() == 0,
                        Duration.ofSeconds(30), () -> "the job did not finish: " + jobs.find(id).orElseThrow());
            }
            assertThat(copies.named("copy@n1")).hasSize(1);
        }
    }

    /**
     * Makes a network {@code copy@<resource id>} in site1 unless the site has one already. The first create waits,
     * as a slow site would, until the test lets it through.
     */
    private static final class SlowSiteCopies implements JobHandler {
        /** A job type keyed by a network: this handler stands in for the real one in the worker. */
        static final JobType TYPE = JobType.REMOTE_PORT_SWEEP;

        final CountDownLatch firstCreateWaits = new CountDownLatch(1);
        final CountDownLatch siteAnswers = new CountDownLatch(1);
        final AtomicInteger inProgress = new AtomicInteger();
        private final AtomicInteger creates = new AtomicInteger();
        private final TestCloud cloud;

        SlowSiteCopies(TestCloud cloud) {
            this.cloud = cloud;
        }

        @Override
        public JobType type() {
            return TYPE;
        }

        @Override
        public Result run(Job job) throws Exception {
            inProgress.incrementAndGet();
            try {
                String name = "copy@" + job.resourceId();
                if (!named(name).isEmpty()) {
                    return Result.done();
                }
                if (creates.incrementAndGet() == 1) {
                    firstCreateWaits.countDown();
                    siteAnswers.await();
                }
                TestCloud.ok(cloud.siteClient(1).send("POST", "/networking/v2.0/networks", cloud.asAdmin(),
                        "{\"network\": {\"name\": \"" + name + "\"}}"));
                return Result.done();
            } finally {
                inProgress.decrementAndGet();
            }
        }

        List<JsonNode> named(String name) {
            List<JsonNode> networks = new ArrayList<>();
            cloud.bottom(1, "network").stream().filter(n -> n.path("name").asText().equals(name)).forEach(networks::add);
            return networks;
        }
    }
}
