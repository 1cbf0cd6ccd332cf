package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoints;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users do to a server after it is built reaches its site: power actions, rename, metadata; and what goes
 * wrong in the site (a failed build) shows at the top as Nova shows it.
 */
class ServerLifeInSitesTest {
    @TempDir
    static Path dataDir;
    static TestCloud cloud;
    static TestCloud.Basics basics;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start(dataDir, 2, FaultPoints.NONE);
        basics = cloud.basics("life", "10.30.0.0/24");
        cloud.liftQuotas();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private int act(String id, String body) {
        return cloud.client().send("POST", "/compute/v2.1/servers/" + id + "/action", cloud.asDemo(), body).status();
    }

    private JsonNode copy(int site, String id) {
        return cloud.bottomServers(site).stream().filter(s -> s.path("name").asText().endsWith("@" + id)).findFirst()
                .orElseThrow(() -> new AssertionError("no copy of " + id + " in site" + site));
    }

    @Test
    void stopStartAndRebootReachTheSiteAndTheirStatesComeBack() {
        String id = cloud.createServer("power", basics, "az2");
        cloud.awaitServer(id, "ACTIVE", Duration.ofSeconds(30));

        assertThat(act(id, "{\"os-stop\": null}")).isEqualTo(202);
        assertThat(cloud.server(id).path("OS-EXT-STS:task_state").asText()).isEqualTo("powering-off");
        cloud.awaitServer(id, "SHUTOFF", Duration.ofSeconds(30));
        assertThat(copy(2, id).path("status").asText()).isEqualTo("SHUTOFF");
        assertThat(cloud.server(id).path("OS-EXT-STS:power_state").asInt()).isEqualTo(4);
        assertThat(act(id, "{\"os-stop\": null}")).as("stopping a stopped server").isEqualTo(409);

        assertThat(act(id, "{\"os-start\": null}")).isEqualTo(202);
        cloud.awaitServer(id, "ACTIVE", Duration.ofSeconds(30));
        assertThat(act(id, "{\"reboot\": {\"type\": \"SIDEWAYS\"}}")).isEqualTo(400);
        assertThat(act(id, "{\"reboot\": {\"type\": \"HARD\"}}")).isEqualTo(202);
        TestCloud.await(() -> cloud.server(id).path("OS-EXT-STS:task_state").isNull()
                        && cloud.server(id).path("status").asText().equals("ACTIVE"),
                Duration.ofSeconds(30), () -> "reboot never finished: " + cloud.server(id));
    }

    @Test
    void aCopyDeletedInItsSiteBehindCascadiasBackPutsTheServerInErrorNotInDeleting() {
        String id = cloud.createServer("vanishing", basics, "az2");
        cloud.awaitServer(id, "ACTIVE", Duration.ofSeconds(30));
        String copyId = copy(2, id).path("id").asText();
        assertThat(cloud.siteClient(2).send("DELETE", "/compute/v2.1/servers/" + copyId, cloud.asAdmin(), null).status())
                .isEqualTo(204);

        JsonNode server = cloud.awaitServer(id, "ERROR", Duration.ofSeconds(30));
        assertThat(server.at("/fault/message").asText()).contains("in site site2").contains("there");
        assertThat(server.path("OS-EXT-STS:task_state").isNull()).as("the top is not deleting it").isTrue();
        assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + id, cloud.asDemo(), null).status()).isEqualTo(204);
        TestCloud.await(() -> cloud.client().get("/compute/v2.1/servers/" + id, cloud.asDemo()).status() == 404,
                Duration.ofSeconds(30), () -> "the server in ERROR was never deleted");
    }

    @Test
    void anActionOnAServerNotYetBuiltInASiteIsAConflict() {
        cloud.site(1).faults().latency(Duration.ofSeconds(3));
        try {
            String id = cloud.createServer("early", basics, "az1");
            assertThat(act(id, "{\"os-stop\": null}")).isEqualTo(409);
        } finally {
            cloud.site(1).faults().latency(Duration.ZERO);
        }
    }

    @Test
    void aRenameAndNewMetadataReachTheSitesCopy() {
        String id = cloud.createServer("before", basics, "az1");
        cloud.awaitServer(id, "ACTIVE", Duration.ofSeconds(30));

        TestCloud.ok(cloud.client().send("PUT", "/compute/v2.1/servers/" + id, cloud.asDemo(), "{\"server\": {\"name\": \"after\"}}"));
        TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/servers/" + id + "/metadata", cloud.asDemo(),
                "{\"metadata\": {\"role\": \"db\"}}"));

        TestCloud.await(() -> copy(1, id).path("name").asText().equals("after@" + id)
                        && copy(1, id).path("metadata").path("role").asText().equals("db"),
                Duration.ofSeconds(20), () -> "the copy did not follow: " + copy(1, id));
        assertThat(copy(1, id).path("metadata").path("cascadia_top_id").asText()).isEqualTo(id);
    }

    @Test
    void aBuildTheSiteFailsShowsErrorWithTheSitesFaultAtTheTop() {
        String flavor = TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/flavors", cloud.asAdmin(),
                "{\"flavor\": {\"name\": \"huge\", \"ram\": 400000, \"vcpus\": 1, \"disk\": 1}}")).at("/flavor/id").asText();
        String id = cloud.createServer("too-big", new TestCloud.Basics(basics.network(), flavor, basics.image()), "az2");

        cloud.awaitServer(id, "ERROR", Duration.ofSeconds(30));
        TestCloud.await(() -> cloud.server(id).has("fault"), Duration.ofSeconds(10), () -> "no fault: " + cloud.server(id));
        JsonNode fault = cloud.server(id).path("fault");
        assertThat(fault.path("message").asText()).isEqualTo(copy(2, id).path("fault").path("message").asText())
                .contains("No valid host");
        assertThat(fault.path("code").asInt()).isEqualTo(copy(2, id).path("fault").path("code").asInt());
    }

    @Test
    void aSiteThatFailsEveryCreateEndsTheBuildInErrorOnceTheJobGivesUp() {
        cloud.site(2).faults().createFailureRate(1.0);
        try {
            String id = cloud.createServer("never", new TestCloud.Basics(cloud.basics("never", "10.31.0.0/24").network(),
                    basics.flavor(), basics.image()), "az2");
            cloud.awaitServer(id, "ERROR", Duration.ofSeconds(60));
            assertThat(cloud.server(id).path("fault").path("message").asText()).startsWith("Build of instance " + id + " failed in site site2");
        } finally {
            cloud.site(2).faults().createFailureRate(0.0);
        }
    }
}
