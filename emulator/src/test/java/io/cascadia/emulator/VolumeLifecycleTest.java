package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.WireClient.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volumes from creating to available, attached through Nova to in-use, and back. */
class VolumeLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeKeystone keystone;
    private EmulatedSite site;
    private SiteClient demo;
    private String volumes;

    @BeforeEach
    void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("volumes", keystone.url())
                .withBuildLatency(Duration.ofMillis(200))
                .withActionLatency(Duration.ofMillis(100)));
        demo = new SiteClient(site.url(), FakeKeystone.DEMO);
        volumes = "/volume/v3/" + FakeKeystone.DEMO_PROJECT + "/volumes";
    }

    @AfterEach
    void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void aVolumeGoesFromCreatingToAvailableToInUseAndBack() {
        JsonNode created = demo.ok(demo.post(volumes, "{\"volume\": {\"size\": 1, \"name\": \"data\"}}"), 202).get("volume");
        assertThat(created.get("status").asText()).isEqualTo("creating");
        assertThat(created.get("bootable").asText()).isEqualTo("false");
        String id = created.get("id").asText();
        demo.await(volumes + "/" + id, body -> body.at("/volume/status").asText().equals("available"), WAIT);

        String network = Sites.network(demo, "net", "10.4.0.0/24");
        String server = Sites.createServer(demo, site, "host-of-volume", network);
        demo.await("/compute/v2.1/servers/" + server, body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT);

        JsonNode attachment = demo.ok(demo.post("/compute/v2.1/servers/" + server + "/os-volume_attachments",
                "{\"volumeAttachment\": {\"volumeId\": \"" + id + "\"}}"), 200).get("volumeAttachment");
        assertThat(attachment.get("device").asText()).isEqualTo("/dev/vdb");
        assertThat(attachment.get("serverId").asText()).isEqualTo(server);
        assertThat(demo.ok(demo.get(volumes + "/" + id), 200).at("/volume/status").asText()).isEqualTo("attaching");
        JsonNode inUse = demo.await(volumes + "/" + id, body -> body.at("/volume/status").asText().equals("in-use"), WAIT)
                .get("volume");
        assertThat(inUse.at("/attachments/0/server_id").asText()).isEqualTo(server);
        assertThat(inUse.at("/attachments/0/device").asText()).isEqualTo("/dev/vdb");
        assertThat(demo.ok(demo.get("/compute/v2.1/servers/" + server), 200)
                .at("/server/os-extended-volumes:volumes_attached/0/id").asText()).isEqualTo(id);

        Answer busy = demo.delete(volumes + "/" + id);
        assertThat(busy.status()).isEqualTo(400);
        assertThat(busy.json().at("/badRequest/message").asText()).startsWith("Invalid volume: Volume status must be available");

        assertThat(demo.delete("/compute/v2.1/servers/" + server + "/os-volume_attachments/" + id).status()).isEqualTo(202);
        JsonNode detached = demo.await(volumes + "/" + id, body -> body.at("/volume/status").asText().equals("available"), WAIT)
                .get("volume");
        assertThat(detached.get("attachments")).isEmpty();
        assertThat(demo.delete(volumes + "/" + id).status()).isEqualTo(202);
        assertThat(demo.get(volumes + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void aFailedVolumeCreateEndsInError() {
        site.faults().createFailureRate(1.0);
        String id = demo.ok(demo.post(volumes, "{\"volume\": {\"size\": 1}}"), 202).at("/volume/id").asText();
        demo.await(volumes + "/" + id, body -> body.at("/volume/status").asText().equals("error"), WAIT);
    }

    @Test
    void aServerBootsFromAVolumeMadeFromTheImage() {
        String network = Sites.network(demo, "net", "10.5.0.0/24");
        String body = """
                {"server": {"name": "bfv", "flavorRef": "1", "networks": [{"uuid": "%s"}],
                 "block_device_mapping_v2": [{"boot_index": 0, "uuid": "%s", "source_type": "image",
                   "destination_type": "volume", "volume_size": 2, "delete_on_termination": true}]}}"""
                .formatted(network, Sites.imageId(site));
        String server = demo.ok(demo.post("/compute/v2.1/servers", body), 202).at("/server/id").asText();
        JsonNode active = demo.await("/compute/v2.1/servers/" + server,
                s -> s.at("/server/status").asText().equals("ACTIVE"), WAIT).get("server");
        assertThat(active.get("image").asText()).isEmpty();
        String volumeId = active.at("/os-extended-volumes:volumes_attached/0/id").asText();
        JsonNode volume = demo.ok(demo.get(volumes + "/" + volumeId), 200).get("volume");
        assertThat(volume.get("status").asText()).isEqualTo("in-use");
        assertThat(volume.get("bootable").asText()).isEqualTo("true");
        assertThat(volume.at("/volume_image_metadata/image_id").asText()).isEqualTo(Sites.imageId(site));

        demo.delete("/compute/v2.1/servers/" + server);
        demo.awaitStatus("/compute/v2.1/servers/" + server, 404, WAIT);
        assertThat(demo.get(volumes + "/" + volumeId).status()).as("delete_on_termination").isEqualTo(404);
    }

    @Test
    void administratorsAddVolumeTypesThatVolumesUseAndThatStayWhileInUse() {
        SiteClient admin = new SiteClient(site.url(), FakeKeystone.ADMIN);
        String types = "/volume/v3/" + FakeKeystone.ADMIN_PROJECT + "/types";
        assertThat(demo.post("/volume/v3/" + FakeKeystone.DEMO_PROJECT + "/types", "{\"volume_type\": {\"name\": \"x\"}}")
                .status()).isEqualTo(403);
        JsonNode type = admin.ok(admin.post(types, "{\"volume_type\": {\"name\": \"ssd\", \"extra_specs\": {\"k\": \"v\"}}}"), 200)
                .get("volume_type");
        assertThat(admin.post(types, "{\"volume_type\": {\"name\": \"ssd\"}}").status()).isEqualTo(409);
        assertThat(admin.ok(admin.get(types), 200).get("volume_types").size()).isEqualTo(2);

        JsonNode volume = demo.ok(demo.post(volumes, "{\"volume\": {\"size\": 1, \"volume_type\": \"ssd\"}}"), 202).get("volume");
        assertThat(volume.get("volume_type").asText()).isEqualTo("ssd");
        assertThat(demo.post(volumes, "{\"volume\": {\"size\": 1, \"volume_type\": \"hdd\"}}").status()).isEqualTo(404);
        assertThat(admin.delete(types + "/" + type.get("id").asText()).status()).as("in use").isEqualTo(400);

        demo.await(volumes + "/" + volume.get("id").asText(), body -> body.at("/volume/status").asText().equals("available"), WAIT);
        assertThat(demo.delete(volumes + "/" + volume.get("id").asText()).status()).isEqualTo(202);
        assertThat(admin.delete(types + "/" + type.get("id").asText()).status()).isEqualTo(202);
        assertThat(admin.ok(admin.get(types), 200).get("volume_types").size()).isEqualTo(1);
    }

    @Test
    void aPrivateFlavorIsSeenOnlyByProjectsGivenAccessAndKeepsTheExtraSpecsLeft() {
        SiteClient admin = new SiteClient(site.url(), FakeKeystone.ADMIN);
        String flavor = admin.ok(admin.post("/compute/v2.1/flavors",
                "{\"flavor\": {\"name\": \"private\", \"ram\": 64, \"vcpus\": 1, \"disk\": 0, \"os-flavor-access:is_public\": false}}"),
                200).at("/flavor/id").asText();
        assertThat(demo.get("/compute/v2.1/flavors/" + flavor).status()).isEqualTo(404);

        JsonNode access = admin.ok(admin.post("/compute/v2.1/flavors/" + flavor + "/action",
                "{\"addTenantAccess\": {\"tenant\": \"" + FakeKeystone.DEMO_PROJECT + "\"}}"), 200);
        assertThat(access.at("/flavor_access/0/tenant_id").asText()).isEqualTo(FakeKeystone.DEMO_PROJECT);
        assertThat(demo.ok(demo.get("/compute/v2.1/flavors/" + flavor), 200).at("/flavor/name").asText()).isEqualTo("private");
        admin.ok(admin.post("/compute/v2.1/flavors/" + flavor + "/os-extra_specs", "{\"extra_specs\": {\"a\": \"1\", \"b\": \"2\"}}"), 200);
        assertThat(admin.delete("/compute/v2.1/flavors/" + flavor + "/os-extra_specs/a").status()).isEqualTo(202);
        assertThat(admin.delete("/compute/v2.1/flavors/" + flavor + "/os-extra_specs/a").status()).isEqualTo(404);
        assertThat(admin.ok(admin.get("/compute/v2.1/flavors/" + flavor + "/os-extra_specs"), 200).get("extra_specs").toString())
                .isEqualTo("{\"b\":\"2\"}");

        admin.ok(admin.post("/compute/v2.1/flavors/" + flavor + "/action",
                "{\"removeTenantAccess\": {\"tenant\": \"" + FakeKeystone.DEMO_PROJECT + "\"}}"), 200);
        assertThat(demo.get("/compute/v2.1/flavors/" + flavor).status()).isEqualTo(404);
    }
}
