package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.WireClient.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Servers through their state machine, as a Nova client sees them over HTTP. */
class ServerLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeKeystone keystone;
    private EmulatedSite site;
    private SiteClient demo;
    private SiteClient admin;
    private String networkId;

    @BeforeEach
    void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("site1", keystone.url())
                .withBuildLatency(Duration.ofMillis(300))
                .withActionLatency(Duration.ofMillis(100)));
        demo = new SiteClient(site.url(), FakeKeystone.DEMO);
        admin = demo.as(FakeKeystone.ADMIN);
        networkId = Sites.network(demo, "private", "10.0.0.0/24");
    }

    @AfterEach
    void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void serverBecomesActiveAfterTheBuildLatency() {
        long started = System.nanoTime();
        String id = Sites.createServer(demo, site, "web", networkId);

        JsonNode building = demo.ok(demo.get("/compute/v2.1/servers/" + id), 200).get("server");
        assertThat(building.get("status").asText()).isEqualTo("BUILD");
        assertThat(building.get("OS-EXT-STS:vm_state").asText()).isEqualTo("building");
        assertThat(building.get("addresses").isEmpty()).isTrue();

        JsonNode active = demo.await("/compute/v2.1/servers/" + id,
                body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT).get("server");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(active.get("OS-EXT-STS:power_state").asInt()).isEqualTo(1);
        assertThat(active.get("OS-SRV-USG:launched_at").asText()).isNotBlank();
        assertThat(active.at("/addresses/private/0/addr").asText()).startsWith("10.0.0.");
        assertThat(active.at("/addresses/private/0/OS-EXT-IPS:type").asText()).isEqualTo("fixed");
        assertThat(active.get("OS-EXT-AZ:availability_zone").asText()).isEqualTo("nova");
        assertThat(active.has("OS-EXT-SRV-ATTR:host")).as("a member does not see the host").isFalse();
        assertThat(active.get("hostId").asText()).hasSize(56);
    }

    @Test
    void theServersPortIsBoundToItsHostAndActiveOnceTheServerIs() {
        String id = Sites.createServer(demo, site, "web", networkId);
        JsonNode server = admin.await("/compute/v2.1/servers/" + id,
                body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT).get("server");
        String host = server.get("OS-EXT-SRV-ATTR:host").asText();

        JsonNode port = admin.ok(admin.get("/networking/v2.0/ports?device_id=" + id), 200).at("/ports/0");
        assertThat(port.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(port.get("binding:host_id").asText()).isEqualTo(host);
        assertThat(port.get("binding:vif_type").asText()).isEqualTo("ovs");
        assertThat(port.get("device_owner").asText()).isEqualTo("compute:nova");
        assertThat(port.get("mac_address").asText()).isEqualTo(server.at("/addresses/private/0/OS-EXT-IPS-MAC:mac_addr").asText());
    }

    @Test
    void aFailedCreateEndsInErrorWithAFault() {
        site.faults().createFailureRate(1.0);
        String id = Sites.createServer(demo, site, "doomed", networkId);

        JsonNode failed = demo.await("/compute/v2.1/servers/" + id,
                body -> body.at("/server/status").asText().equals("ERROR"), WAIT).get("server");
        assertThat(failed.at("/fault/code").asInt()).isEqualTo(500);
        assertThat(failed.at("/fault/message").asText()).contains("Build of instance " + id + " aborted");
        assertThat(failed.at("/fault/created").asText()).endsWith("Z");
        assertThat(failed.at("/fault").has("details")).as("details of a 500 fault are for administrators").isFalse();
        assertThat(admin.ok(admin.get("/compute/v2.1/servers/" + id), 200).at("/server/fault/details").asText()).isNotBlank();
        assertThat(demo.ok(demo.get("/networking/v2.0/ports?device_id=" + id), 200).get("ports"))
                .as("the failed build gave its port back").isEmpty();
    }

    @Test
    void aServerWithNoRoomOnAnyHostEndsInErrorNoValidHost() {
        String id = Sites.createServer(demo, site, "huge", networkId, "5", 20);
        String last = Sites.createServer(demo, site, "too-many", networkId, "5", 1);

        JsonNode failed = demo.await("/compute/v2.1/servers/" + last,
                body -> body.at("/server/status").asText().equals("ERROR"), WAIT).get("server");
        assertThat(failed.at("/fault/message").asText()).isEqualTo("No valid host was found. There are not enough hosts available.");
        assertThat(id).isNotBlank();
    }

    @Test
    void stopStartAndRebootMoveThroughTheirStatesAndThePortFollows() {
        String id = Sites.createServer(demo, site, "web", networkId);
        String path = "/compute/v2.1/servers/" + id;
        demo.await(path, body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT);

        assertThat(demo.post(path + "/action", "{\"os-stop\": null}").status()).isEqualTo(202);
        JsonNode stopping = demo.ok(demo.get(path), 200).get("server");
        assertThat(stopping.get("OS-EXT-STS:task_state").asText()).isEqualTo("powering-off");
        Answer busy = demo.post(path + "/action", "{\"os-start\": null}");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().at("/conflictingRequest/message").asText()).contains("task_state powering-off");
        JsonNode stopped = demo.await(path, body -> body.at("/server/status").asText().equals("SHUTOFF"), WAIT).get("server");
        assertThat(stopped.get("OS-EXT-STS:power_state").asInt()).isEqualTo(4);
        assertThat(demo.ok(demo.get("/networking/v2.0/ports?device_id=" + id), 200).at("/ports/0/status").asText())
                .isEqualTo("DOWN");

        Answer softRebootWhileOff = demo.post(path + "/action", "{\"reboot\": {\"type\": \"SOFT\"}}");
        assertThat(softRebootWhileOff.status()).isEqualTo(409);
        assertThat(softRebootWhileOff.json().at("/conflictingRequest/message").asText()).contains("vm_state stopped");

        assertThat(demo.post(path + "/action", "{\"os-start\": null}").status()).isEqualTo(202);
        demo.await(path, body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT);
        assertThat(demo.ok(demo.get("/networking/v2.0/ports?device_id=" + id), 200).at("/ports/0/status").asText())
                .isEqualTo("ACTIVE");

        assertThat(demo.post(path + "/action", "{\"reboot\": {\"type\": \"HARD\"}}").status()).isEqualTo(202);
        assertThat(demo.ok(demo.get(path), 200).at("/server/status").asText()).isEqualTo("HARD_REBOOT");
        demo.await(path, body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT);
    }

    @Test
    void aDeletedServerIsGoneAndItsPortWithIt() {
        String id = Sites.createServer(demo, site, "web", networkId);
        demo.await("/compute/v2.1/servers/" + id, body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT);

        assertThat(demo.delete("/compute/v2.1/servers/" + id).status()).isEqualTo(204);

        demo.awaitStatus("/compute/v2.1/servers/" + id, 404, WAIT);
        Answer gone = demo.get("/compute/v2.1/servers/" + id);
        assertThat(gone.json().at("/itemNotFound/message").asText()).isEqualTo("Instance " + id + " could not be found.");
        assertThat(demo.ok(demo.get("/networking/v2.0/ports?device_id=" + id), 200).get("ports")).isEmpty();
        assertThat(demo.ok(demo.get("/compute/v2.1/servers"), 200).get("servers")).isEmpty();
    }

    @Test
    void aDeleteIsInProgressWithTaskStateDeletingUntilTheHostHasRemovedTheServer() {
        try (EmulatedSite slow = EmulatedSite.start(SiteConfig.of("site2", keystone.url())
                .withBuildLatency(Duration.ofMillis(300))
                .withActionLatency(Duration.ofSeconds(5)))) {
            SiteClient user = new SiteClient(slow.url(), FakeKeystone.DEMO);
            String id = Sites.createServer(user, slow, "web", Sites.network(user, "private", "10.0.0.0/24"));
            String path = "/compute/v2.1/servers/" + id;
            user.await(path, body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT);

            assertThat(user.delete(path).status()).isEqualTo(204);
            JsonNode deleting = user.ok(user.get(path), 200).get("server");
            assertThat(deleting.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(deleting.path("OS-EXT-STS:task_state").asText()).isEqualTo("deleting");
            user.awaitStatus(path, 404, Duration.ofSeconds(15));
        }
    }

    @Test
    void aServerGivenAPortKeepsTheCallersAddressAndMacAndReleasesThePortOnDelete() {
        JsonNode port = demo.ok(demo.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "mac_address": "fa:16:3e:00:00:42",
                 "fixed_ips": [{"ip_address": "10.0.0.42"}]}}""".formatted(networkId)), 201).get("port");
        String portId = port.get("id").asText();
        String id = demo.ok(demo.post("/compute/v2.1/servers", Sites.serverBody("given-port", site,
                List.of("{\"port\": \"" + portId + "\"}"), "1")), 202).at("/server/id").asText();

        JsonNode server = demo.await("/compute/v2.1/servers/" + id,
                body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT).get("server");
        assertThat(server.at("/addresses/private/0/addr").asText()).isEqualTo("10.0.0.42");
        assertThat(server.at("/addresses/private/0/OS-EXT-IPS-MAC:mac_addr").asText()).isEqualTo("fa:16:3e:00:00:42");

        demo.delete("/compute/v2.1/servers/" + id);
        demo.awaitStatus("/compute/v2.1/servers/" + id, 404, WAIT);
        JsonNode kept = demo.ok(demo.get("/networking/v2.0/ports/" + portId), 200).get("port");
        assertThat(kept.get("device_id").asText()).isEmpty();
        assertThat(kept.get("status").asText()).isEqualTo("DOWN");
    }
}
