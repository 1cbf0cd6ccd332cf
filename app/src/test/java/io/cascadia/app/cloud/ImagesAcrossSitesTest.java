package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images live at the top; a site gets one copy of an image the first time a server there needs it, even when many
 * boot at once, with the top's data and checksum; deleting the top image removes the copies no server uses, and the
 * others once their servers are gone. The top lists each image once.
 */
class ImagesAcrossSitesTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path dataDir;
    static TestCloud cloud;
    static TestCloud.Basics basics;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start(dataDir, 2, FaultPoints.NONE);
        basics = cloud.basics("img", "10.40.0.0/24");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** A public image of {@code bytes} random bytes, uploaded at the top; returns its id. */
    private static String image(String name, int bytes) {
        String id = TestCloud.ok(cloud.client().send("POST", "/image/v2/images", cloud.asAdmin(), """
                {"name": "%s", "disk_format": "raw", "container_format": "bare", "visibility": "public"}""".formatted(name)))
                .get("id").asText();
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        assertThat(cloud.client().send("PUT", "/image/v2/images/" + id + "/file", cloud.asAdmin(), data,
                "application/octet-stream").status()).isEqualTo(204);
        return id;
    }

    private static List<JsonNode> copiesOf(int site, String imageId) {
        return cloud.bottomImages(site).stream().filter(i -> i.path("name").asText().endsWith("@" + imageId)).toList();
    }

    private static List<String> boot(String prefix, String image, String zone, int count) {
        TestCloud.Basics with = new TestCloud.Basics(basics.network(), basics.flavor(), image);
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            servers.add(cloud.createServer(prefix + i, with, zone));
        }
        return servers;
    }

    private static void delete(List<String> servers) {
        servers.forEach(id -> cloud.client().send("DELETE", "/compute/v2.1/servers/" + id, cloud.asDemo(), null));
        servers.forEach(id -> TestCloud.await(() -> cloud.client().get("/compute/v2.1/servers/" + id, cloud.asDemo()).status() == 404,
                WAIT, () -> "server " + id + " was never deleted"));
    }

    @Test
    void concurrentBootsInASiteMakeOneCopyOfTheImageWithTheTopsData() {
        String image = image("many", 3 * 1024 * 1024 + 17);
        String checksum = TestCloud.ok(cloud.client().get("/image/v2/images/" + image, cloud.asAdmin())).path("checksum").asText();
        // The site gets the network and the flavor first, so the image is the one copy the builds below race for.
        List<String> servers = new ArrayList<>(boot("first", basics.image(), "az1", 1));
        cloud.awaitServer(servers.getFirst(), "ACTIVE", WAIT);

        // Every site call takes 300 ms, so the eight builds are all at the image while its first copy is being made.
        cloud.site(1).faults().latency(Duration.ofMillis(300));
        try {
            servers.addAll(boot("many", image, "az1", 8));
            servers.forEach(id -> cloud.awaitServer(id, "ACTIVE", WAIT));
        } finally {
            cloud.site(1).faults().latency(Duration.ZERO);
        }

        try {
            JsonNode builds = TestCloud.ok(cloud.client().get("/cascadia/v1/jobs?type=server.build&region=site1", cloud.asAdmin()));
            assertThat(builds.path("jobs").valueStream().map(j -> j.path("last_error").asText()))
                    .as("builds waited for the copy another one was making")
                    .anyMatch(error -> error.equals("image " + image + " in site1 is being created by another worker"));
            List<JsonNode> copies = copiesOf(1, image);
            assertThat(copies).hasSize(1);
            assertThat(copies.getFirst().path("name").asText()).isEqualTo("many@" + image);
            assertThat(copies.getFirst().path("checksum").asText()).isEqualTo(checksum);
            assertThat(copies.getFirst().path("size").asLong()).isEqualTo(3 * 1024 * 1024 + 17);
            assertThat(copies.getFirst().path("status").asText()).isEqualTo("active");
            assertThat(copiesOf(2, image)).as("no server needed it in site2").isEmpty();
            assertThat(TestCloud.ok(cloud.client().get("/cascadia/v1/routings?top_id=" + image, cloud.asAdmin())).path("routings"))
                    .hasSize(1);
            assertThat(TestCloud.ok(cloud.client().get("/image/v2/images?name=many", cloud.asDemo())).path("images")).hasSize(1);
        } finally {
            delete(servers);
        }
    }

    @Test
    void deletingTheTopImageRemovesUnusedCopiesAtOnceAndTheOthersWithTheirLastServer() {
        String image = image("gone", 64 * 1024);
        List<String> inSite1 = boot("kept", image, "az1", 2);
        List<String> inSite2 = boot("freed", image, "az2", 1);
        inSite1.forEach(id -> cloud.awaitServer(id, "ACTIVE", WAIT));
        inSite2.forEach(id -> cloud.awaitServer(id, "ACTIVE", WAIT));
        delete(inSite2);
        assertThat(copiesOf(2, image)).as("the top image still exists").hasSize(1);

        assertThat(cloud.client().send("DELETE", "/image/v2/images/" + image, cloud.asAdmin(), null).status()).isEqualTo(204);

        TestCloud.await(() -> copiesOf(2, image).isEmpty(), WAIT, () -> "the unused copy stayed in site2");
        assertThat(copiesOf(1, image)).as("servers in site1 still use it").hasSize(1);
        delete(inSite1.subList(0, 1));
        assertThat(copiesOf(1, image)).as("one server in site1 still uses it").hasSize(1);
        delete(inSite1.subList(1, 2));
        TestCloud.await(() -> copiesOf(1, image).isEmpty(), WAIT, () -> "the copy stayed in site1 after its last server");
        assertThat(TestCloud.ok(cloud.client().get("/cascadia/v1/routings?top_id=" + image, cloud.asAdmin())).path("routings"))
                .isEmpty();
    }
}
