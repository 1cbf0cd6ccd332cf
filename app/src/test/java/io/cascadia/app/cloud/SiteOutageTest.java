package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.cascade.jobs.FaultPoints;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site that stops answering: it turns degraded within seconds; reads still answer from the top; its servers keep
 * their last status; new work for it waits while other sites go on; nothing in it is deleted because it is
 * unreachable; when it answers again it turns up and everything converges.
 */
class SiteOutageTest {
    @TempDir
    Path dataDir;
    TestCloud cloud;

    @BeforeEach
    void start() {
        cloud = TestCloud.start(dataDir, 2, FaultPoints.NONE);
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private String siteState(String region) {
        return TestCloud.ok(cloud.client().get("/cascadia/v1/sites/" + region, cloud.asAdmin())).at("/site/state").asText();
    }

    @Test
    void aSiteThatGoesDownIsDegradedItsWorkWaitsAndEverythingConvergesWhenItReturns() {
        TestCloud.Basics basics = cloud.basics("outage", "10.20.0.0/24");
        String running = cloud.createServer("running", basics, "az1");
        cloud.awaitServer(running, "ACTIVE", Duration.ofSeconds(30));
        String doomed = cloud.createServer("doomed", basics, "az1");
        cloud.awaitServer(doomed, "ACTIVE", Duration.ofSeconds(30));

        cloud.site(1).down();
        long downAt = System.nanoTime();
        TestCloud.await(() -> siteState("site1").equals("degraded"), Duration.ofSeconds(10), () -> "site1 never degraded");
        assertThat(Duration.ofNanos(System.nanoTime() - downAt)).isLessThan(Duration.ofSeconds(5));

        assertThat(cloud.server(running).path("status").asText()).as("last known status, served by the top").isEqualTo("ACTIVE");
        assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + doomed, cloud.asDemo(), null).status()).isEqualTo(204);
        String waiting = cloud.createServer("waiting", basics, "az1");
        String elsewhere = cloud.createServer("elsewhere", basics, "az2");

        cloud.awaitServer(elsewhere, "ACTIVE", Duration.ofSeconds(30));
        assertThat(cloud.server(waiting).path("status").asText()).isEqualTo("BUILD");
        assertThat(cloud.client().get("/compute/v2.1/servers/" + doomed, cloud.asDemo()).status())
                .as("a delete waits for its site").isEqualTo(200);

        cloud.site(1).up();
        TestCloud.await(() -> siteState("site1").equals("up"), Duration.ofSeconds(10), () -> "site1 never came back");
        cloud.awaitServer(waiting, "ACTIVE", Duration.ofSeconds(30));
        TestCloud.await(() -> cloud.client().get("/compute/v2.1/servers/" + doomed, cloud.asDemo()).status() == 404,
                Duration.ofSeconds(30), () -> "the delete never finished");
        assertThat(cloud.bottomServers(1).stream().map(s -> s.path("name").asText()))
                .contains("running@" + running, "waiting@" + waiting)
                .noneMatch(name -> name.endsWith("@" + doomed));
        assertThat(cloud.server(running).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void volumeWorkForASiteThatIsDownWaitsAndIsDoneWhenItReturns() {
        TestCloud.Basics basics = cloud.basics("vout", "10.21.0.0/24");
        String server = cloud.createServer("holder", basics, "az2");
        String kept = cloud.createVolume("kept", 1, "az2");
        String doomed = cloud.createVolume("doomed", 1, "az2");
        cloud.awaitServer(server, "ACTIVE", Duration.ofSeconds(30));
        cloud.awaitVolume(kept, "available", Duration.ofSeconds(30));
        cloud.awaitVolume(doomed, "available", Duration.ofSeconds(30));

        cloud.site(2).down();
        TestCloud.await(() -> siteState("site2").equals("degraded"), Duration.ofSeconds(10), () -> "site2 never degraded");
        String waiting = cloud.createVolume("waiting", 1, "az2");
        assertThat(cloud.client().send("POST", "/compute/v2.1/servers/" + server + "/os-volume_attachments", cloud.asDemo(),
                "{\"volumeAttachment\": {\"volumeId\": \"" + kept + "\"}}").status()).isEqualTo(200);
        assertThat(cloud.client().send("DELETE", cloud.demoVolumes() + "/" + doomed, cloud.asDemo(), null).status()).isEqualTo(202);
        String elsewhere = cloud.createVolume("elsewhere", 1, "az1");

        cloud.awaitVolume(elsewhere, "available", Duration.ofSeconds(30));
        assertThat(cloud.volume(waiting).path("status").asText()).isEqualTo("creating");
        assertThat(cloud.volume(kept).path("status").asText()).isEqualTo("attaching");
        assertThat(cloud.volume(doomed).path("status").asText()).as("a delete waits for its site").isEqualTo("deleting");

        cloud.site(2).up();
        TestCloud.await(() -> siteState("site2").equals("up"), Duration.ofSeconds(10), () -> "site2 never came back");
        cloud.awaitVolume(waiting, "available", Duration.ofSeconds(30));
        assertThat(cloud.awaitVolume(kept, "in-use", Duration.ofSeconds(30)).at("/attachments/0/server_id").asText()).isEqualTo(server);
        TestCloud.await(() -> cloud.client().get(cloud.demoVolumes() + "/" + doomed, cloud.asDemo()).status() == 404,
                Duration.ofSeconds(30), () -> "the delete never finished");
        assertThat(cloud.bottomVolumes(2).stream().map(v -> v.path("name").asText()))
                .contains("kept@" + kept, "waiting@" + waiting)
                .noneMatch(name -> name.endsWith("@" + doomed));
    }
}
