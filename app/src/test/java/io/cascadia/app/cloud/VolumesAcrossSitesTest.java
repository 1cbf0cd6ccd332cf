package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cinder proxy over HTTP: a volume asked for at the top is made in a site of its zone and comes back available;
 * it attaches, through Nova's os-volume_attachments at the top, only to a server of its own site; it detaches,
 * grows, is renamed and deleted there too; a server boots from it in its site.
 */
class VolumesAcrossSitesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    static TestCloud cloud;
    static TestCloud.Basics basics;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start(dataDir, 2, FaultPoints.NONE);
        basics = cloud.basics("vol", "10.30.0.0/24");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static List<JsonNode> copiesOf(int site, String volumeId) {
        return cloud.bottomVolumes(site).stream().filter(v -> v.path("name").asText().endsWith("@" + volumeId)).toList();
    }

    private static WireClient.Answer attach(String server, String volume) {
        return cloud.client().send("POST", "/compute/v2.1/servers/" + server + "/os-volume_attachments", cloud.asDemo(),
                "{\"volumeAttachment\": {\"volumeId\": \"" + volume + "\"}}");
    }

    @Test
    void aVolumeIsMadeInASiteOfItsZoneAndComesBackAvailable() {
        String id = cloud.createVolume("data", 2, "az2");
        assertThat(cloud.volume(id).path("status").asText()).isEqualTo("creating");

        JsonNode volume = cloud.awaitVolume(id, "available", WAIT);

        assertThat(volume.path("availability_zone").asText()).isEqualTo("az2");
        assertThat(volume.path("size").asInt()).isEqualTo(2);
        List<JsonNode> copies = copiesOf(2, id);
        assertThat(copies).hasSize(1);
        assertThat(copies.getFirst().path("name").asText()).isEqualTo("data@" + id);
        assertThat(copies.getFirst().at("/metadata/cascadia_top_id").asText()).isEqualTo(id);
        assertThat(copies.getFirst().path("status").asText()).isEqualTo("available");
        assertThat(copiesOf(1, id)).isEmpty();
    }

    @Test
    void aVolumeAttachesToAServerOfItsSiteAndIsRefusedAcrossSites() {
        String here = cloud.createServer("here", basics, "az2");
        String there = cloud.createServer("there", basics, "az1");
        String id = cloud.createVolume("disk", 1, "az2");
        cloud.awaitServer(here, "ACTIVE", WAIT);
        cloud.awaitServer(there, "ACTIVE", WAIT);
        cloud.awaitVolume(id, "available", WAIT);

        WireClient.Answer refused = attach(there, id);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/badRequest/code").asInt()).isEqualTo(400);
        assertThat(refused.json().at("/badRequest/message").asText())
                .isEqualTo("Volume " + id + " is in availability zone az2 (site site2) and server " + there
                        + " in availability zone az1 (site site1): attaching a volume across sites is not possible.");
        assertThat(cloud.volume(id).path("status").asText()).isEqualTo("available");

        WireClient.Answer attached = attach(here, id);
        assertThat(attached.status()).as(attached.text()).isEqualTo(200);
        assertThat(attached.json().at("/volumeAttachment/volumeId").asText()).isEqualTo(id);
        assertThat(attached.json().at("/volumeAttachment/serverId").asText()).isEqualTo(here);
        assertThat(attached.json().at("/volumeAttachment/device").asText()).isEqualTo("/dev/vdb");

        JsonNode inUse = cloud.awaitVolume(id, "in-use", WAIT);
        assertThat(inUse.at("/attachments/0/server_id").asText()).isEqualTo(here);
        assertThat(inUse.at("/attachments/0/device").asText()).isEqualTo("/dev/vdb");
        assertThat(inUse.at("/attachments/0/attachment_id").asText()).isNotBlank();
        JsonNode asAdmin = TestCloud.ok(cloud.client().get("/volume/v3/" + cloud.projectOf(cloud.asAdmin()) + "/volumes/" + id,
                cloud.asAdmin())).path("volume");
        assertThat(asAdmin.at("/attachments/0/host_name").asText()).startsWith("site2");
        assertThat(cloud.server(here).at("/os-extended-volumes:volumes_attached/0/id").asText()).isEqualTo(id);
        assertThat(TestCloud.ok(cloud.client().get("/compute/v2.1/servers/" + here + "/os-volume_attachments", cloud.asDemo()))
                .at("/volumeAttachments/0/volumeId").asText()).isEqualTo(id);
        JsonNode copy = copiesOf(2, id).getFirst();
        assertThat(copy.path("status").asText()).isEqualTo("in-use");
        String hereInSite = cloud.bottomServers(2).stream().filter(s -> s.path("name").asText().equals("here@" + here))
                .findFirst().orElseThrow().path("id").asText();
        assertThat(copy.at("/attachments/0/server_id").asText()).isEqualTo(hereInSite);

        WireClient.Answer busy = cloud.client().send("DELETE", cloud.demoVolumes() + "/" + id, cloud.asDemo(), null);
        assertThat(busy.status()).isEqualTo(400);

        assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + here + "/os-volume_attachments/" + id,
                cloud.asDemo(), null).status()).isEqualTo(202);
        JsonNode detached = cloud.awaitVolume(id, "available", WAIT);
        assertThat(detached.path("attachments")).isEmpty();
        assertThat(cloud.server(here).path("os-extended-volumes:volumes_attached")).isEmpty();
        assertThat(copiesOf(2, id).getFirst().path("status").asText()).isEqualTo("available");

        assertThat(cloud.client().send("DELETE", cloud.demoVolumes() + "/" + id, cloud.asDemo(), null).status()).isEqualTo(202);
        TestCloud.await(() -> cloud.client().get(cloud.demoVolumes() + "/" + id, cloud.asDemo()).status() == 404, WAIT,
                () -> "the volume was never deleted: " + cloud.volume(id));
        assertThat(copiesOf(2, id)).isEmpty();
    }

    @Test
    void aRenameAndAnExtendReachTheSite() {
        String id = cloud.createVolume("small", 1, "az1");
        cloud.awaitVolume(id, "available", WAIT);

        TestCloud.ok(cloud.client().send("PUT", cloud.demoVolumes() + "/" + id, cloud.asDemo(), "{\"volume\": {\"name\": \"big\"}}"));
        assertThat(cloud.client().send("POST", cloud.demoVolumes() + "/" + id + "/action", cloud.asDemo(),
                "{\"os-extend\": {\"new_size\": 3}}").status()).isEqualTo(202);
        assertThat(cloud.volume(id).path("status").asText()).isEqualTo("extending");

        JsonNode grown = cloud.awaitVolume(id, "available", WAIT);
        assertThat(grown.path("size").asInt()).isEqualTo(3);
        assertThat(grown.path("name").asText()).isEqualTo("big");
        TestCloud.await(() -> copiesOf(1, id).stream().anyMatch(v -> v.path("name").asText().equals("big@" + id)), WAIT,
                () -> "the rename never reached the site: " + copiesOf(1, id));
        assertThat(copiesOf(1, id).getFirst().path("size").asInt()).isEqualTo(3);

        WireClient.Answer smaller = cloud.client().send("POST", cloud.demoVolumes() + "/" + id + "/action", cloud.asDemo(),
                "{\"os-extend\": {\"new_size\": 2}}");
        assertThat(smaller.status()).isEqualTo(400);
        assertThat(smaller.json().at("/badRequest/message").asText()).contains("New size for extend must be greater than current size");
    }

    @Test
    void aServerBootsFromAVolumeInTheVolumesSite() {
        String id = cloud.createVolume("root", 1, "az2");
        cloud.awaitVolume(id, "available", WAIT);

        String server = TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/servers", cloud.asDemo(), """
                {"server": {"name": "from-volume", "flavorRef": "%s", "networks": [{"uuid": "%s"}],
                 "block_device_mapping_v2": [{"boot_index": 0, "uuid": "%s", "source_type": "volume",
                                              "destination_type": "volume"}]}}""".formatted(basics.flavor(), basics.network(), id)))
                .at("/server/id").asText();

        JsonNode active = cloud.awaitServer(server, "ACTIVE", WAIT);
        assertThat(active.path("OS-EXT-AZ:availability_zone").asText()).isEqualTo("az2");
        assertThat(active.path("image").asText()).isEmpty();
        assertThat(active.at("/os-extended-volumes:volumes_attached/0/id").asText()).isEqualTo(id);
        JsonNode root = cloud.awaitVolume(id, "in-use", WAIT);
        assertThat(root.at("/attachments/0/server_id").asText()).isEqualTo(server);
        assertThat(root.at("/attachments/0/device").asText()).isEqualTo("/dev/vda");
        assertThat(cloud.bottomServers(2).stream().map(s -> s.path("name").asText())).contains("from-volume@" + server);

        WireClient.Answer rootDetach = cloud.client().send("DELETE",
                "/compute/v2.1/servers/" + server + "/os-volume_attachments/" + id, cloud.asDemo(), null);
        assertThat(rootDetach.status()).isEqualTo(400);
        assertThat(rootDetach.json().at("/badRequest/message").asText()).isEqualTo("Cannot detach a root device volume");

        assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + server, cloud.asDemo(), null).status()).isEqualTo(204);
        JsonNode freed = cloud.awaitVolume(id, "available", WAIT);
        assertThat(freed.path("attachments")).isEmpty();
    }

    @Test
    void aVolumeInAZoneNoSiteServesEndsInError() {
        TestCloud.ok(cloud.client().send("POST", "/cascadia/v1/sites/site2/disable", cloud.asAdmin(), null));
        try {
            String id = cloud.createVolume("nowhere", 1, "az2");
            cloud.awaitVolume(id, "error", WAIT);
        } finally {
            TestCloud.ok(cloud.client().send("POST", "/cascadia/v1/sites/site2/enable", cloud.asAdmin(), null));
        }
    }

    @Test
    void aVolumeTypeIsCopiedToTheSiteOfItsFirstVolumeAndLeavesWithItsDelete() {
        String admin = "/volume/v3/" + cloud.projectOf(cloud.asAdmin());
        String type = TestCloud.ok(cloud.client().send("POST", admin + "/types", cloud.asAdmin(),
                "{\"volume_type\": {\"name\": \"ssd\", \"extra_specs\": {\"volume_backend_name\": \"fast\"}}}"))
                .at("/volume_type/id").asText();
        String id = TestCloud.ok(cloud.client().send("POST", cloud.demoVolumes(), cloud.asDemo(),
                "{\"volume\": {\"name\": \"typed\", \"size\": 1, \"volume_type\": \"ssd\", \"availability_zone\": \"az1\","
                        + " \"metadata\": {\"owner\": \"team-a\"}}}")).at("/volume/id").asText();

        assertThat(cloud.awaitVolume(id, "available", WAIT).path("volume_type").asText()).isEqualTo("ssd");
        JsonNode copy = copiesOf(1, id).getFirst();
        assertThat(copy.path("volume_type").asText()).isEqualTo("ssd@" + type);
        assertThat(copy.at("/metadata/owner").asText()).isEqualTo("team-a");
        JsonNode siteTypes = TestCloud.ok(cloud.siteClient(1).get(admin + "/types", cloud.asAdmin()));
        assertThat(siteTypes.path("volume_types").valueStream().filter(t -> t.path("name").asText().equals("ssd@" + type)))
                .singleElement().satisfies(t -> assertThat(t.at("/extra_specs/volume_backend_name").asText()).isEqualTo("fast"));

        TestCloud.ok(cloud.client().send("PUT", cloud.demoVolumes() + "/" + id, cloud.asDemo(),
                "{\"volume\": {\"metadata\": {\"owner\": \"team-b\"}}}"));
        TestCloud.await(() -> copiesOf(1, id).getFirst().at("/metadata/owner").asText().equals("team-b"), WAIT,
                () -> "the metadata never reached the site: " + copiesOf(1, id));
        assertThat(copiesOf(1, id).getFirst().at("/metadata/cascadia_top_id").asText()).isEqualTo(id);

        assertThat(cloud.client().send("DELETE", cloud.demoVolumes() + "/" + id, cloud.asDemo(), null).status()).isEqualTo(202);
        TestCloud.await(() -> cloud.client().get(cloud.demoVolumes() + "/" + id, cloud.asDemo()).status() == 404, WAIT,
                () -> "the volume was never deleted");
        assertThat(cloud.client().send("DELETE", admin + "/types/" + type, cloud.asAdmin(), null).status()).isEqualTo(202);
        TestCloud.await(() -> TestCloud.ok(cloud.siteClient(1).get(admin + "/types", cloud.asAdmin())).path("volume_types")
                        .valueStream().noneMatch(t -> t.path("name").asText().startsWith("ssd@")),
                WAIT, () -> "the type's copy outlived it");
    }

    @Test
    void aVolumeMadeFromAnImageGetsTheImageCopiedToItsSite() {
        String id = TestCloud.ok(cloud.client().send("POST", cloud.demoVolumes(), cloud.asDemo(),
                "{\"volume\": {\"name\": \"bootable\", \"size\": 1, \"imageRef\": \"" + basics.image()
                        + "\", \"availability_zone\": \"az1\"}}")).at("/volume/id").asText();

        assertThat(cloud.awaitVolume(id, "available", WAIT).path("bootable").asText()).isEqualTo("true");
        String imageCopy = cloud.bottomImages(1).stream().filter(i -> i.path("name").asText().endsWith("@" + basics.image()))
                .findFirst().orElseThrow().path("id").asText();
        assertThat(copiesOf(1, id).getFirst().at("/volume_image_metadata/image_id").asText()).isEqualTo(imageCopy);
    }
}
