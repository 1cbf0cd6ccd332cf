package io.cascadia.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.api.MutableClock;
import io.cascadia.api.TestTokens;
import io.cascadia.api.TopServer;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.jobs.Lease;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.jobs.Jobs;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.sites.Sites;
import io.cascadia.testkit.WireClient.Answer;
import io.cascadia.testkit.WireClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API over HTTP: administrators only; sites, routings and jobs as an operator inspects them. */
class AdminApiTest {
    private TopServer server;
    private WireClient client;
    private Map<String, String> asAdmin;

    @BeforeEach
    void start() {
        server = new TopServer(DatabaseConfig.inMemory("admin-" + UUID.randomUUID()), new MutableClock(), database -> List.of(
                new AdminApi(new StoredSites(new Sites(database.jdbi()), Map.of("site1", Map.of("compute", "http://127.0.0.1:1/compute/v2.1"))),
                        new RoutingTable(database.jdbi()), new Jobs(database.jdbi()), Clock.systemUTC())));
        client = new WireClient(server.url());
        asAdmin = Map.of("X-Auth-Token", TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void onlyAdministratorsMayUseIt() {
        String member = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        Answer answer = client.get("/cascadia/v1/sites", Map.of("X-Auth-Token", member));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(403);
        assertThat(client.get("/cascadia/v1/jobs", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aSiteIsAddedByRegionAndShownWithZonesEndpointsAndHealth() {
        Answer added = client.send("POST", "/cascadia/v1/sites", asAdmin,
                "{\"site\": {\"region\": \"site1\", \"availability_zones\": {\"zone-site1\": \"az1\"}}}");
        assertThat(added.status()).isEqualTo(201);
        JsonNode site = added.json().get("site");
        assertThat(site.get("state").asText()).isEqualTo("up");
        assertThat(site.at("/availability_zones/0/name").asText()).isEqualTo("az1");
        assertThat(site.at("/availability_zones/0/site_zone").asText()).isEqualTo("zone-site1");
        assertThat(site.at("/endpoints/compute").asText()).isEqualTo("http://127.0.0.1:1/compute/v2.1");

        Answer disabled = client.send("POST", "/cascadia/v1/sites/site1/disable", asAdmin, null);
        assertThat(disabled.json().at("/site/state").asText()).isEqualTo("disabled");
        assertThat(client.get("/cascadia/v1/sites", asAdmin).json().at("/sites/0/state").asText()).isEqualTo("disabled");

        assertThat(client.send("POST", "/cascadia/v1/sites", asAdmin, "{\"site\": {\"region\": \"nowhere\"}}").status()).isEqualTo(400);
        assertThat(client.send("POST", "/cascadia/v1/sites", asAdmin, "{\"site\": {}}").status()).isEqualTo(400);
        assertThat(client.get("/cascadia/v1/sites/nowhere", asAdmin).status()).isEqualTo(404);
    }

    @Test
    void routingsAreFilteredAndPaged() {
        RoutingTable routing = new RoutingTable(server.database.jdbi());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < 3; i++) {
            routing.markActive("server-" + i, ResourceKind.SERVER, "site1", "bottom-" + i, now);
        }
        routing.markActive("net-1", ResourceKind.NETWORK, "site1", "bottom-net", now);

        Answer first = client.get("/cascadia/v1/routings?resource_type=server&limit=2", asAdmin);
        assertThat(first.json().get("routings")).hasSize(2);
        String next = first.json().at("/routings_links/0/href").asText();
        Answer second = client.get(next.substring(server.url().length()), asAdmin);
        assertThat(second.json().get("routings")).hasSize(1);
        assertThat(second.json().at("/routings/0/top_id").asText()).isEqualTo("server-2");
        assertThat(second.json().has("routings_links")).isFalse();

        Answer byTop = client.get("/cascadia/v1/routings?top_id=net-1", asAdmin);
        assertThat(byTop.json().at("/routings/0/bottom_id").asText()).isEqualTo("bottom-net");
        assertThat(byTop.json().at("/routings/0/state").asText()).isEqualTo("active");
        assertThat(client.get("/cascadia/v1/routings?marker=garbage!", asAdmin).status()).isEqualTo(400);
    }

    @Test
    void aFailedJobIsShownWithItsErrorAndCanBeRedone() {
        JobQueue queue = new JobQueue(server.database.jdbi(), Clock.systemUTC());
        Jobs jobs = new Jobs(server.database.jdbi());
        long id = queue.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, "s1", "site1"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Lease lease = jobs.claim("w1", 1, Set.of(), Duration.ofSeconds(30), now).getFirst().lease();
        jobs.fail(lease, "No valid host was found.", now);

        Answer failed = client.get("/cascadia/v1/jobs?state=failed", asAdmin);
        assertThat(failed.json().at("/jobs/0/id").asLong()).isEqualTo(id);
        assertThat(failed.json().at("/jobs/0/last_error").asText()).isEqualTo("No valid host was found.");
        assertThat(client.get("/cascadia/v1/jobs/" + id, asAdmin).json().at("/job/type").asText()).isEqualTo("server.create");

        Answer redone = client.send("POST", "/cascadia/v1/jobs/" + id + "/redo", asAdmin, null);
        assertThat(redone.status()).isEqualTo(202);
        assertThat(redone.json().at("/job/state").asText()).isEqualTo("pending");
        assertThat(client.send("POST", "/cascadia/v1/jobs/" + id + "/redo", asAdmin, null).status()).isEqualTo(409);
        assertThat(client.get("/cascadia/v1/jobs/999999", asAdmin).status()).isEqualTo(404);
        assertThat(client.get("/cascadia/v1/jobs/abc", asAdmin).status()).isEqualTo(400);
        assertThat(client.get("/cascadia/v1/jobs?state=bogus", asAdmin).status()).isEqualTo(400);
    }
}
