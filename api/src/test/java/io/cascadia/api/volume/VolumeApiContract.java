package io.cascadia.api.volume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.api.Caller;
import io.cascadia.api.TopApiServer;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.WireClient.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Cinder at the top over HTTP: volumes recorded in creating with their job, types, limits, isolation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VolumeApiContract {
    private TopApiServer server;
    private Caller alice;
    private Caller bob;
    private Caller admin;
    private String alpha;
    private String beta;

    abstract DatabaseConfig newDatabase();

    @BeforeAll
    void start() {
        server = new TopApiServer(newDatabase());
        alice = new Caller(server.client(), server.token("alice", "alpha"));
        bob = new Caller(server.client(), server.token("bob", "beta"));
        admin = new Caller(server.client(), server.token("admin", "admin"));
        alpha = "/volume/v3/" + server.alpha.id();
        beta = "/volume/v3/" + server.beta.id();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static void assertCinderError(Answer answer, int status, String key) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().at("/" + key + "/code").asInt()).isEqualTo(status);
    }

    @Test
    void versionDocumentsPointAtCascadia() {
        Answer root = server.client().get("/volume", Map.of());
        assertThat(root.status()).isEqualTo(300);
        assertThat(root.json().at("/versions/0/id").asText()).isEqualTo("v3.0");
        assertThat(root.json().at("/versions/0/links/0/href").asText()).isEqualTo(server.url() + "/volume/v3/");
    }

    @Test
    void aVolumeCreateRecordsCreatingAndEnqueuesItsJob() {
        Answer created = alice.post(alpha + "/volumes", "{\"volume\": {\"size\": 2, \"name\": \"data\", \"metadata\": {\"k\": \"v\"}}}");
        assertThat(created.status()).as(created.text()).isEqualTo(202);
        JsonNode volume = created.json().get("volume");
        String id = volume.get("id").asText();
        assertThat(volume.get("status").asText()).isEqualTo("creating");
        assertThat(volume.get("volume_type").asText()).isEqualTo("__DEFAULT__");
        assertThat(volume.get("bootable").asText()).isEqualTo("false");
        int jobs = server.database.jdbi().withHandle(h -> h.createQuery(
                "select count(*) from job where type = 'volume.create' and resource_id = :id").bind("id", id).mapTo(Integer.class).one());
        assertThat(jobs).isEqualTo(1);
        assertThat(alice.get(alpha + "/volumes/detail").json().get("volumes").toString()).contains(id);
        assertThat(alice.get(alpha + "/volumes/" + id).json().at("/volume/metadata/k").asText()).isEqualTo("v");
        Answer renamed = alice.put(alpha + "/volumes/" + id, "{\"volume\": {\"name\": \"data-2\"}}");
        assertThat(renamed.json().at("/volume/name").asText()).isEqualTo("data-2");
        JsonNode limits = alice.get(alpha + "/limits").json().at("/limits/absolute");
        assertThat(limits.get("totalGigabytesUsed").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(alice.delete(alpha + "/volumes/" + id).status()).isEqualTo(202);
        assertCinderError(alice.get(alpha + "/volumes/" + id), 404, "itemNotFound");
    }

    @Test
    void anotherProjectCannotSeeAVolumeNorUseAnotherProjectsUrl() {
        String id = alice.post(alpha + "/volumes", "{\"volume\": {\"size\": 1}}").json().at("/volume/id").asText();
        assertCinderError(bob.get(beta + "/volumes/" + id), 404, "itemNotFound");
        assertCinderError(bob.get(alpha + "/volumes"), 400, "badRequest");
        assertThat(bob.get(beta + "/volumes").json().get("volumes").toString()).doesNotContain(id);
        assertThat(admin.get(alpha + "/volumes/" + id).status()).isEqualTo(200);
    }

    @Test
    void badVolumeRequestsAreRefusedWithCindersFaults() {
        assertCinderError(alice.post(alpha + "/volumes", "{\"volume\": {\"size\": 0}}"), 400, "badRequest");
        assertCinderError(alice.post(alpha + "/volumes", "{\"volume\": {\"name\": \"no size\"}}"), 400, "badRequest");
        assertCinderError(alice.post(alpha + "/volumes", "{\"volume\": {\"size\": 1, \"volume_type\": \"gold\"}}"), 404, "itemNotFound");
        assertCinderError(alice.post(alpha + "/volumes", "{\"volume\": {\"size\": 1, \"availability_zone\": \"nowhere\"}}"),
                400, "badRequest");
        assertCinderError(alice.post(alpha + "/volumes", "{\"volume\": {\"size\": 5000}}"), 413, "overLimit");
    }

    @Test
    void volumeTypesAreManagedByAdministrators() {
        assertCinderError(alice.post(alpha + "/types", "{\"volume_type\": {\"name\": \"ssd\"}}"), 403, "forbidden");
        Answer created = admin.post("/volume/v3/" + server.alpha.id() + "/types",
                "{\"volume_type\": {\"name\": \"ssd\", \"extra_specs\": {\"volume_backend_name\": \"fast\"}}}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(alice.get(alpha + "/types").json().get("volume_types").toString()).contains("\"name\":\"ssd\"");
        Answer volume = alice.post(alpha + "/volumes", "{\"volume\": {\"size\": 1, \"volume_type\": \"ssd\"}}");
        assertThat(volume.json().at("/volume/volume_type").asText()).isEqualTo("ssd");
        assertCinderError(admin.delete(alpha + "/types/" + created.json().at("/volume_type/id").asText()), 400, "badRequest");
    }

    @Test
    void anExtendGrowsOnlyAnAvailableVolumeAndWaitsForItsSite() {
        String id = alice.post(alpha + "/volumes", "{\"volume\": {\"size\": 1}}").json().at("/volume/id").asText();
        String actions = alpha + "/volumes/" + id + "/action";
        assertThat(alice.get(alpha + "/volumes/" + id).json().at("/volume/availability_zone").asText())
                .as("Cinder's default zone until a site is chosen").isEqualTo("nova");

        Answer notYet = alice.post(actions, "{\"os-extend\": {\"new_size\": 2}}");
        assertCinderError(notYet, 400, "badRequest");
        assertThat(notYet.json().at("/badRequest/message").asText()).isEqualTo("Invalid volume: Volume " + id
                + " status must be available to extend, but current status is: creating.");
        server.database.jdbi().useHandle(h -> h.execute("update volume set status = 'available' where id = ?", id));
        assertCinderError(alice.post(actions, "{\"os-extend\": {}}"), 400, "badRequest");
        assertCinderError(alice.post(actions, "{\"os-extend\": {\"new_size\": \"big\"}}"), 400, "badRequest");
        assertCinderError(alice.post(actions, "{\"os-reboot\": {}}"), 400, "badRequest");
        Answer smaller = alice.post(actions, "{\"os-extend\": {\"new_size\": 1}}");
        assertCinderError(smaller, 400, "badRequest");
        assertThat(smaller.json().at("/badRequest/message").asText()).isEqualTo("Invalid input received: New size for extend must be"
                + " greater than current size. (current: 1, extended: 1).");
        assertCinderError(bob.post(beta + "/volumes/" + id + "/action", "{\"os-extend\": {\"new_size\": 2}}"), 404, "itemNotFound");

        assertThat(alice.post(actions, "{\"os-extend\": {\"new_size\": 3}}").status()).isEqualTo(202);

        JsonNode extending = alice.get(alpha + "/volumes/" + id).json().get("volume");
        assertThat(extending.get("status").asText()).isEqualTo("extending");
        assertThat(extending.get("size").asInt()).isEqualTo(3);
        int jobs = server.database.jdbi().withHandle(h -> h.createQuery(
                "select count(*) from job where type = 'volume.update' and resource_id = :id").bind("id", id).mapTo(Integer.class).one());
        assertThat(jobs).isEqualTo(1);
    }
}
