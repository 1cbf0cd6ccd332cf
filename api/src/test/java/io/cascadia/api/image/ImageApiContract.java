package io.cascadia.api.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.api.Caller;
import io.cascadia.api.TopApiServer;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.WireClient.Answer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Glance at the top over HTTP: upload and download with checksums, visibility, members, patch, isolation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageApiContract {
    private static final Map<String, String> PATCH = Map.of("Content-Type", "application/openstack-images-v2.1-json-patch");
    private TopApiServer server;
    private Caller alice;
    private Caller bob;
    private Caller admin;

    abstract DatabaseConfig newDatabase();

    @BeforeAll
    void start() {
        server = new TopApiServer(newDatabase());
        alice = new Caller(server.client(), server.token("alice", "alpha"));
        bob = new Caller(server.client(), server.token("bob", "beta"));
        admin = new Caller(server.client(), server.token("admin", "admin"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String image(Caller caller, String body) {
        Answer created = caller.post("/image/v2/images", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Answer upload(Caller caller, String id, byte[] data) {
        return caller.client().send("PUT", "/image/v2/images/" + id + "/file", Map.of("X-Auth-Token", caller.token()), data,
                "application/octet-stream");
    }

    @Test
    void uploadedDataComesBackWithItsMd5AndSha512() throws Exception {
        String id = image(alice, "{\"name\": \"disk\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\", \"os_distro\": \"cirros\"}");
        JsonNode queued = alice.get("/image/v2/images/" + id).json();
        assertThat(queued.get("status").asText()).isEqualTo("queued");
        assertThat(queued.get("visibility").asText()).isEqualTo("shared");
        assertThat(queued.get("size").isNull()).isTrue();
        assertThat(queued.get("os_distro").asText()).isEqualTo("cirros");
        assertThat(alice.get("/image/v2/images/" + id + "/file").status()).isEqualTo(204);

        byte[] data = new byte[2_500_000];
        new Random(7).nextBytes(data);
        assertThat(upload(alice, id, data).status()).isEqualTo(204);
        JsonNode active = alice.get("/image/v2/images/" + id).json();
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("size").asLong()).isEqualTo(data.length);
        assertThat(active.get("checksum").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
        assertThat(active.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(active.get("os_hash_value").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data)));

        Answer download = alice.get("/image/v2/images/" + id + "/file");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-MD5")).contains(active.get("checksum").asText());
        assertThat(download.text().length()).isPositive();
        assertThat(upload(alice, id, data).status()).isEqualTo(409);
    }

    @Test
    void privateImagesAreHiddenFromOtherProjectsAndOnlyAdministratorsPublish() {
        String id = image(alice, "{\"name\": \"mine\", \"visibility\": \"private\"}");
        assertThat(bob.get("/image/v2/images/" + id).status()).isEqualTo(404);
        assertThat(bob.get("/image/v2/images").json().get("images").toString()).doesNotContain(id);
        assertThat(bob.delete("/image/v2/images/" + id).status()).isEqualTo(404);
        assertThat(alice.post("/image/v2/images", "{\"name\": \"pub\", \"visibility\": \"public\"}").status()).isEqualTo(403);
        String published = image(admin, "{\"name\": \"everyone\", \"visibility\": \"public\"}");
        assertThat(bob.get("/image/v2/images/" + published).status()).isEqualTo(200);
        assertThat(bob.delete("/image/v2/images/" + published).status()).isEqualTo(403);
        assertThat(alice.post("/image/v2/images", "{\"status\": \"active\"}").status()).isEqualTo(403);
        assertThat(alice.post("/image/v2/images", "{\"disk_format\": \"floppy\"}").status()).isEqualTo(400);
    }

    @Test
    void sharedImagesReachMembersWhoAcceptThem() {
        String id = image(alice, "{\"name\": \"shared-one\"}");
        assertThat(bob.get("/image/v2/images/" + id).status()).isEqualTo(404);
        Answer added = alice.post("/image/v2/images/" + id + "/members", "{\"member\": \"" + server.beta.id() + "\"}");
        assertThat(added.json().get("status").asText()).isEqualTo("pending");
        assertThat(bob.get("/image/v2/images/" + id).status()).isEqualTo(200);
        assertThat(bob.get("/image/v2/images").json().get("images").toString()).doesNotContain(id);
        assertThat(bob.put("/image/v2/images/" + id + "/members/" + server.beta.id(), "{\"status\": \"accepted\"}").status())
                .isEqualTo(200);
        assertThat(bob.get("/image/v2/images").json().get("images").toString()).contains(id);
        assertThat(alice.post("/image/v2/images/" + id + "/members", "{\"member\": \"" + server.beta.id() + "\"}").status())
                .isEqualTo(409);
    }

    @Test
    void imagesArePatchedAndTagged() {
        String id = image(alice, "{\"name\": \"patchme\"}");
        Answer patched = alice.send("PATCH", "/image/v2/images/" + id, PATCH, """
                [{"op": "replace", "path": "/name", "value": "patched"}, {"op": "add", "path": "/hw_disk_bus", "value": "scsi"},
                 {"op": "add", "path": "/protected", "value": true}]""");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("patched");
        assertThat(patched.json().get("hw_disk_bus").asText()).isEqualTo("scsi");
        assertThat(alice.delete("/image/v2/images/" + id).status()).isEqualTo(403);
        assertThat(alice.send("PATCH", "/image/v2/images/" + id, Map.of(), "[]").status()).isEqualTo(415);
        assertThat(alice.send("PATCH", "/image/v2/images/" + id, PATCH, "[{\"op\": \"replace\", \"path\": \"/status\", \"value\": \"x\"}]")
                .status()).isEqualTo(403);
        assertThat(alice.put("/image/v2/images/" + id + "/tags/gold", null).status()).isEqualTo(204);
        assertThat(alice.get("/image/v2/images/" + id).json().get("tags").toString()).isEqualTo("[\"gold\"]");
        alice.send("PATCH", "/image/v2/images/" + id, PATCH, "[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]");
        assertThat(alice.delete("/image/v2/images/" + id).status()).isEqualTo(204);
    }
}
