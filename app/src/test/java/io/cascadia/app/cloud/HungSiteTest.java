package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.app.Settings;
import io.cascadia.cascade.jobs.FaultPoints;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site that hangs, taking calls and answering none (a host whose network went away), rather than refusing them:
 * it is degraded within one probe interval and one request timeout, because a probe is never retried, and up again
 * once it answers.
 */
class HungSiteTest {
    @TempDir
    Path dataDir;

    @Test
    void aSiteThatAnswersNothingIsDegradedWithinOneRequestTimeoutAndUpOnceItAnswers() {
        try (TestCloud cloud = TestCloud.start(dataDir, 1, FaultPoints.NONE, Duration.ofMillis(300),
                Settings.empty().with("sites.request-timeout", "2s"))) {
            TestCloud.await(() -> state(cloud).equals("up"), Duration.ofSeconds(10), () -> "site1 never up");

            cloud.site(1).faults().latency(Duration.ofSeconds(60));
            long hungAt = System.nanoTime();
            TestCloud.await(() -> state(cloud).equals("degraded"), Duration.ofSeconds(30), () -> "site1 never degraded");
            assertThat(Duration.ofNanos(System.nanoTime() - hungAt))
                    .as("one probe interval (300 ms) and one request timeout (2 s); three tries would take over 6 s")
                    .isLessThan(Duration.ofSeconds(5));

            cloud.site(1).faults().latency(Duration.ZERO);
            TestCloud.await(() -> state(cloud).equals("up"), Duration.ofSeconds(10), () -> "site1 never came back");
        }
    }

    private static String state(TestCloud cloud) {
        return TestCloud.ok(cloud.client().get("/cascadia/v1/sites/site1", cloud.asAdmin())).at("/site/state").asText();
    }
}
