package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.WireClient.Answer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Glance images: create, upload, download with checksums, update by JSON patch, delete. */
class ImageApiTest {
    private FakeKeystone keystone;
    private EmulatedSite site;
    private SiteClient demo;

    @BeforeEach
    void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("images", keystone.url()));
        demo = new SiteClient(site.url(), FakeKeystone.DEMO);
    }

    @AfterEach
    void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void anUploadedImageHasItsChecksumsAndDownloadsAsUploaded() throws Exception {
        Answer created = demo.post("/image/v2/images",
                "{\"name\": \"disk\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"os_distro\": \"cirros\"}");
        JsonNode image = demo.ok(created, 201);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("checksum").isNull()).isTrue();
        assertThat(image.get("os_distro").asText()).isEqualTo("cirros");
        assertThat(created.header("Location")).contains("/v2/images/" + image.get("id").asText());
        String id = image.get("id").asText();

        byte[] data = "not really a disk".getBytes(StandardCharsets.UTF_8);
        Answer upload = demo.send("PUT", "/image/v2/images/" + id + "/file", Map.of("Content-Type", "application/octet-stream"),
                new String(data, StandardCharsets.UTF_8));
        assertThat(upload.status()).isEqualTo(204);

        JsonNode active = demo.ok(demo.get("/image/v2/images/" + id), 200);
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("size").asInt()).isEqualTo(data.length);
        assertThat(active.get("checksum").asText()).isEqualTo(hex("MD5", data));
        assertThat(active.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(active.get("os_hash_value").asText()).isEqualTo(hex("SHA-512", data));

        Answer download = demo.get("/image/v2/images/" + id + "/file");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.text()).isEqualTo("not really a disk");
        assertThat(download.header("Content-MD5")).contains(hex("MD5", data));
        assertThat(demo.send("PUT", "/image/v2/images/" + id + "/file", Map.of("Content-Type", "application/octet-stream"), "x")
                .status()).isEqualTo(409);

        Answer patched = demo.send("PATCH", "/image/v2/images/" + id,
                Map.of("Content-Type", "application/openstack-images-v2.1-json-patch"),
                "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"renamed\"}, {\"op\": \"add\", \"path\": \"/hw_disk_bus\", \"value\": \"virtio\"}]");
        assertThat(demo.ok(patched, 200).get("name").asText()).isEqualTo("renamed");
        assertThat(patched.json().get("hw_disk_bus").asText()).isEqualTo("virtio");
        for (String malformed : List.of(";", " ; charset=x")) {
            assertThat(demo.send("PATCH", "/image/v2/images/" + id, Map.of("Content-Type", malformed), "[]").status())
                    .as("Content-Type [%s]", malformed).isEqualTo(415);
        }

        assertThat(demo.as(FakeKeystone.OTHER).get("/image/v2/images/" + id).status()).as("shared with no one").isEqualTo(404);
        assertThat(demo.delete("/image/v2/images/" + id).status()).isEqualTo(204);
        assertThat(demo.get("/image/v2/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void everySiteStartsWithAPublicImageAndListsPageWithNextLinks() {
        JsonNode list = demo.ok(demo.get("/image/v2/images"), 200);
        assertThat(list.at("/images/0/name").asText()).isEqualTo("cirros-0.6.2-x86_64-disk");
        assertThat(list.at("/images/0/visibility").asText()).isEqualTo("public");
        assertThat(list.get("schema").asText()).isEqualTo("/v2/schemas/images");
        demo.post("/image/v2/images", "{\"name\": \"second\"}");
        JsonNode page = demo.ok(demo.get("/image/v2/images?limit=1"), 200);
        assertThat(page.get("images")).hasSize(1);
        assertThat(page.get("next").asText()).startsWith("/v2/images?limit=1&marker=");
        assertThat(demo.post("/image/v2/images", "{\"name\": \"p\", \"visibility\": \"public\"}").status()).isEqualTo(403);
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return String.format("%0" + (MessageDigest.getInstance(algorithm).getDigestLength() * 2) + "x",
                new BigInteger(1, MessageDigest.getInstance(algorithm).digest(data)));
    }
}
