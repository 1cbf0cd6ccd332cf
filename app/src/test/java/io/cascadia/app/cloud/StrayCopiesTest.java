package io.cascadia.app.cloud;

import static io.cascadia.app.cloud.TestCloud.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies in a site that no routing row maps but whose name, mark and project prove them Cascadia's: full resyncs find
 * them and the proxies delete the ones nothing needs (a second copy, the copy of a deleted server) and nothing else.
 */
class StrayCopiesTest {
    private static final String NOVA_VERSION = "compute 2.79";

    @TempDir
    Path dataDir;

    @Test
    void aSecondProvenCopyOfAServerAndTheCopyOfADeletedOneAreDeletedWhileTheRecordedCopyStays() {
        try (TestCloud cloud = TestCloud.start(dataDir, 1, FaultPoints.NONE)) {
            Map<String, String> demo = cloud.asDemo();
            TestCloud.Basics basics = cloud.basics("strays", "10.71.0.0/24");
            String kept = cloud.createServer("kept", basics, "az1");
            String gone = cloud.createServer("gone", basics, "az1");
            cloud.awaitServer(kept, "ACTIVE", Duration.ofSeconds(30));
            cloud.awaitServer(gone, "ACTIVE", Duration.ofSeconds(30));
            assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + gone, demo, null).status()).isEqualTo(204);
            TestCloud.await(() -> cloud.client().get("/compute/v2.1/servers/" + gone, demo).status() == 404,
                    Duration.ofSeconds(30), () -> "the deleted server is still at the top");

            WireClient site = cloud.siteClient(1);
            String secondCopy = siteServer(site, demo, "kept@" + kept, kept);
            String orphan = siteServer(site, demo, "gone@" + gone, gone);

            TestCloud.await(() -> site.get("/compute/v2.1/servers/" + secondCopy, demo).status() == 404
                            && site.get("/compute/v2.1/servers/" + orphan, demo).status() == 404,
                    Duration.ofSeconds(30), () -> "the stray copies are still in the site");
            List<JsonNode> left = cloud.bottomServers(1).stream()
                    .filter(s -> s.path("name").asText().equals("kept@" + kept)).toList();
            assertThat(left).hasSize(1);
            assertThat(ok(cloud.client().get("/compute/v2.1/servers/" + kept, demo)).at("/server/status").asText())
                    .isEqualTo("ACTIVE");
        }
    }

    @Test
    void aSecondProvenCopyOfAVolumeIsDeletedOnceCinderCanDeleteIt() {
        try (TestCloud cloud = TestCloud.start(dataDir, 1, FaultPoints.NONE)) {
            Map<String, String> demo = cloud.asDemo();
            String volume = cloud.createVolume("data", 1, "az1");
            cloud.awaitVolume(volume, "available", Duration.ofSeconds(30));

            WireClient site = cloud.siteClient(1);
            String volumes = "/volume/v3/" + cloud.projectOf(demo) + "/volumes";
            String secondCopy = ok(site.send("POST", volumes, demo, """
                    {"volume": {"name": "data@%s", "size": 1, "metadata": {"cascadia_top_id": "%s"}}}"""
                    .formatted(volume, volume))).at("/volume/id").asText();

            TestCloud.await(() -> site.get(volumes + "/" + secondCopy, demo).status() == 404, Duration.ofSeconds(30),
                    () -> "the second copy is still in the site");
            assertThat(cloud.bottomVolumes(1).stream().filter(v -> v.path("name").asText().equals("data@" + volume)))
                    .hasSize(1);
            assertThat(ok(cloud.client().get(cloud.demoVolumes() + "/" + volume, demo)).at("/volume/status").asText())
                    .isEqualTo("available");
        }
    }

    private static String siteServer(WireClient site, Map<String, String> caller, String name, String mark) {
        Map<String, String> headers = new HashMap<>(caller);
        headers.put("OpenStack-API-Version", NOVA_VERSION);
        JsonNode flavors = ok(site.get("/compute/v2.1/flavors", caller));
        JsonNode images = ok(site.get("/image/v2/images", caller));
        return ok(site.send("POST", "/compute/v2.1/servers", headers, """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": "none",
                 "metadata": {"cascadia_top_id": "%s"}}}"""
                .formatted(name, flavors.at("/flavors/0/id").asText(), images.at("/images/0/id").asText(), mark)))
                .at("/server/id").asText();
    }
}
