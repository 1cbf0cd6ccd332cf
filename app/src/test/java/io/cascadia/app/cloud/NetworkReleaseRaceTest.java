package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoint;
import io.cascadia.cascade.jobs.FaultPoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting the last server of a network in a site releases the network's copy there; a build of another server on
 * that network running at the same time must not lose the copy under it. The release is held at the moment it has
 * decided to delete the copy while the second server's build runs, then let go.
 */
class NetworkReleaseRaceTest {
    /** Holds the first release of a network copy until the test lets it go. */
    static final class HeldRelease implements FaultPoints {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);

        @Override
        public void reached(FaultPoint point, String what) {
            if (point == FaultPoint.BEFORE_RELEASE && reached.getCount() > 0) {
                reached.countDown();
                try {
                    letGo.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @TempDir
    Path dataDir;

    @Test
    void aBuildOnTheNetworkDuringTheReleaseOfItsCopyEndsActiveOnACopyThatStays() throws Exception {
        HeldRelease held = new HeldRelease();
        try (TestCloud cloud = TestCloud.start(dataDir, 1, held)) {
            TestCloud.Basics basics = cloud.basics("race", "10.71.0.0/24");
            String first = cloud.createServer("first", basics, "az1");
            cloud.awaitServer(first, "ACTIVE", Duration.ofSeconds(30));

            assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + first, cloud.asDemo(), null).status())
                    .isEqualTo(204);
            assertThat(held.reached.await(30, TimeUnit.SECONDS)).as("the release of the network copy began").isTrue();
            String second = cloud.createServer("second", basics, "az1");
            Thread.sleep(1500); // the second build runs (or waits) while the release is held
            held.letGo.countDown();

            cloud.awaitServer(second, "ACTIVE", Duration.ofSeconds(30));
            TestCloud.await(() -> cloud.client().get("/compute/v2.1/servers/" + first, cloud.asDemo()).status() == 404,
                    Duration.ofSeconds(30), () -> "the first server is still at the top");
            List<JsonNode> copies = cloud.bottom(1, "network").stream()
                    .filter(n -> n.path("name").asText().endsWith("@" + basics.network())).toList();
            assertThat(copies).hasSize(1);
            String copy = copies.getFirst().path("id").asText();
            JsonNode routing = TestCloud.ok(cloud.client().get("/cascadia/v1/routings?top_id=" + basics.network(), cloud.asAdmin()));
            assertThat(routing.at("/routings/0/state").asText()).isEqualTo("active");
            assertThat(routing.at("/routings/0/bottom_id").asText()).isEqualTo(copy);
            // The release never tried to delete a copy the build was using: the site refused nothing.
            JsonNode deletion = TestCloud.ok(cloud.client().get("/cascadia/v1/jobs?type=server.delete&resource_id=" + first,
                    cloud.asAdmin())).at("/jobs/0");
            assertThat(deletion.path("state").asText()).isEqualTo("succeeded");
            assertThat(deletion.path("last_error").isNull()).as(deletion.toString()).isTrue();
            String port = TestCloud.ok(cloud.client().get("/networking/v2.0/ports?device_id=" + second, cloud.asDemo()))
                    .at("/ports/0/id").asText();
            assertThat(cloud.bottom(1, "port").stream().filter(p -> p.path("name").asText().endsWith("@" + port)))
                    .singleElement().satisfies(p -> assertThat(p.path("network_id").asText()).isEqualTo(copy));
        }
    }
}
