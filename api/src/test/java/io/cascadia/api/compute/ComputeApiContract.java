package io.cascadia.api.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.api.Caller;
import io.cascadia.api.TopApiServer;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.WireClient.Answer;
import io.cascadia.web.ApiVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Nova at the top as clients see it over HTTP: servers recorded in BUILD with their ports and placement job,
 * lists and filters, flavors, keypairs, zones, quotas, microversions and isolation. Runs against each engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ComputeApiContract {
    private static final Map<String, String> LATEST = Map.of("OpenStack-API-Version", "compute 2.79");
    private static final Duration LIST_QUERY_TIMEOUT = Duration.ofSeconds(1);
    private TopApiServer server;
    private Caller alice;
    private Caller bob;
    private Caller admin;
    private String flavor;
    private String image;
    private String network;

    abstract DatabaseConfig newDatabase();

    @BeforeAll
    void start() {
        server = new TopApiServer(newDatabase().withListQueryTimeout(LIST_QUERY_TIMEOUT));
        alice = new Caller(server.client(), server.token("alice", "alpha"));
        bob = new Caller(server.client(), server.token("bob", "beta"));
        admin = new Caller(server.client(), server.token("admin", "admin"));
        flavor = admin.post("/compute/v2.1/flavors", """
                {"flavor": {"name": "m1.small", "ram": 512, "vcpus": 1, "disk": 1}}""").json().at("/flavor/id").asText();
        image = publicImage();
        network = alice.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"alpha-net\"}}").json().at("/network/id").asText();
        alice.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "10.20.0.0/24", "ip_version": 4}}""".formatted(network));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String publicImage() {
        String id = admin.post("/image/v2/images", """
                {"name": "cirros", "disk_format": "raw", "container_format": "bare", "visibility": "public"}""").json().get("id").asText();
        admin.send("PUT", "/image/v2/images/" + id + "/file", Map.of("Content-Type", "application/octet-stream"), "bytes");
        return id;
    }

    private Answer createServer(Caller caller, String body) {
        return caller.post("/compute/v2.1/servers", "{\"server\": " + body + "}");
    }

    private String serverBody(String name) {
        return """
                {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}]}"""
                .formatted(name, flavor, image, network);
    }

    private int count(String sql, Object... args) {
        return server.database.jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Integer.class).one();
        });
    }

    private static void assertNovaError(Answer answer, int status, String key) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().at("/" + key + "/code").asInt()).isEqualTo(status);
        assertThat(answer.json().at("/" + key + "/message").asText()).isNotBlank();
    }

    @Test
    void versionDocumentsAdvertiseTheSuppliedMaximumAndOtherVersionsAre406() {
        Answer root = server.client().get("/compute", Map.of());
        assertThat(root.json().at("/versions/0/version").asText()).isEqualTo("2.79");
        assertThat(root.json().at("/versions/0/links/0/href").asText()).isEqualTo(server.url() + "/compute/v2.1/");
        Answer negotiated = alice.get("/compute/v2.1/flavors", Map.of("OpenStack-API-Version", "compute latest"));
        assertThat(negotiated.header("OpenStack-API-Version")).contains("compute 2.79");
        assertThat(alice.get("/compute/v2.1/flavors").header("X-OpenStack-Nova-API-Version")).contains("2.1");
        assertNovaError(alice.get("/compute/v2.1/flavors", Map.of("OpenStack-API-Version", "compute 2.80")), 406, "computeFault");
        assertNovaError(alice.get("/compute/v2.1/flavors", Map.of("OpenStack-API-Version", "compute 1.9")), 406, "computeFault");
        assertNovaError(alice.get("/compute/v2.1/flavors", Map.of("OpenStack-API-Version", "compute two")), 400, "badRequest");

        server.computeMax.set(ApiVersion.of(2, 60));
        try {
            assertThat(server.client().get("/compute/v2.1", Map.of()).json().at("/version/version").asText()).isEqualTo("2.60");
            assertNovaError(alice.get("/compute/v2.1/flavors", Map.of("OpenStack-API-Version", "compute 2.61")), 406, "computeFault");
        } finally {
            server.computeMax.set(ComputeApi.DEFAULT_MAX);
        }
    }

    @Test
    void aPortOfAnotherProjectIsNeverAttachedToAServerNorListedInItsAddresses() {
        String serverId = createServer(alice, serverBody("owned-1")).json().at("/server/id").asText();
        String bobNetwork = bob.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"beta-net\"}}").json()
                .at("/network/id").asText();
        bob.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "10.21.0.0/24", "ip_version": 4}}""".formatted(bobNetwork));

        Answer pointed = bob.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "device_id": "%s", "device_owner": "compute:nova"}}""".formatted(bobNetwork, serverId));
        assertThat(pointed.status()).as(pointed.text()).isEqualTo(409);
        assertThat(pointed.json().at("/NeutronError/type").asText()).isEqualTo("DeviceIDNotOwnedByTenant");
        String bobPort = bob.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + bobNetwork + "\"}}").json()
                .at("/port/id").asText();
        Answer repointed = bob.put("/networking/v2.0/ports/" + bobPort, """
                {"port": {"device_id": "%s", "device_owner": "compute:nova"}}""".formatted(serverId));
        assertThat(repointed.status()).as(repointed.text()).isEqualTo(409);
        assertThat(bob.get("/networking/v2.0/ports/" + bobPort).json().at("/port/device_id").asText()).isEmpty();

        // An administrator may point a port anywhere, as in Neutron; the server still does not take it as its own.
        Answer forced = admin.put("/networking/v2.0/ports/" + bobPort, """
                {"port": {"device_id": "%s", "device_owner": "compute:nova"}}""".formatted(serverId));
        assertThat(forced.status()).as(forced.text()).isEqualTo(200);
        JsonNode addresses = alice.get("/compute/v2.1/servers/" + serverId).json().at("/server/addresses");
        assertThat(addresses.has("alpha-net")).isTrue();
        assertThat(addresses.has("beta-net")).as(addresses.toString()).isFalse();
        assertThat(alice.get("/compute/v2.1/servers/detail").json().toString()).doesNotContain("beta-net");

        Answer foreignPort = createServer(alice, """
                {"name": "owned-2", "flavorRef": "%s", "imageRef": "%s", "networks": [{"port": "%s"}]}"""
                .formatted(flavor, image, bob.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + bobNetwork + "\"}}")
                        .json().at("/port/id").asText()));
        assertNovaError(foreignPort, 400, "badRequest");
        String bobFree = bob.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + bobNetwork + "\"}}").json()
                .at("/port/id").asText();
        Answer byAdmin = createServer(admin, """
                {"name": "admins", "flavorRef": "%s", "imageRef": "%s", "networks": [{"port": "%s"}]}""".formatted(flavor, image, bobFree));
        assertNovaError(byAdmin, 400, "badRequest");
        assertThat(byAdmin.json().at("/badRequest/message").asText()).contains("not usable for instance");
        assertThat(bob.get("/networking/v2.0/ports/" + bobFree).json().at("/port/device_id").asText()).isEmpty();
        assertThat(alice.delete("/compute/v2.1/servers/" + serverId).status()).isEqualTo(204);
    }

    @Test
    void aServerCreateRecordsTheServerInBuildWithItsPortAndOnePlacementJob() {
        Answer created = createServer(alice, serverBody("web-1"));
        assertThat(created.status()).as(created.text()).isEqualTo(202);
        JsonNode body = created.json().get("server");
        String id = body.get("id").asText();
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "links", "OS-DCF:diskConfig", "security_groups", "adminPass");
        assertThat(created.header("Location")).contains(server.url() + "/compute/v2.1/servers/" + id);
        assertThat(count("select count(*) from job where type = 'server.create' and resource_id = ?", id)).isEqualTo(1);

        JsonNode shown = alice.get("/compute/v2.1/servers/" + id).json().get("server");
        assertThat(shown.get("status").asText()).isEqualTo("BUILD");
        assertThat(shown.get("OS-EXT-STS:vm_state").asText()).isEqualTo("building");
        assertThat(shown.at("/addresses/alpha-net/0/addr").asText()).startsWith("10.20.0.");
        assertThat(shown.at("/flavor/id").asText()).isEqualTo(flavor);
        assertThat(shown.at("/security_groups/0/name").asText()).isEqualTo("default");
        assertThat(shown.has("OS-EXT-SRV-ATTR:host")).isFalse();

        JsonNode ports = alice.get("/networking/v2.0/ports?device_id=" + id).json().get("ports");
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).get("device_owner").asText()).isEqualTo("compute:nova");

        JsonNode latest = alice.get("/compute/v2.1/servers/" + id, LATEST).json().get("server");
        assertThat(latest.at("/flavor/original_name").asText()).isEqualTo("m1.small");
        assertThat(latest.has("locked")).isTrue();
        assertThat(latest.has("server_groups")).isTrue();
        assertThat(admin.get("/compute/v2.1/servers/" + id).json().at("/server").has("OS-EXT-SRV-ATTR:host")).isTrue();
    }

    @Test
    void aServersAddressesFollowItsPortsWhenTheyChangeInNeutron() {
        String id = createServer(alice, serverBody("readdressed")).json().at("/server/id").asText();
        String port = alice.get("/networking/v2.0/ports?device_id=" + id).json().at("/ports/0/id").asText();
        Answer moved = alice.put("/networking/v2.0/ports/" + port, "{\"port\": {\"fixed_ips\": [{\"ip_address\": \"10.20.0.200\"}]}}");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(alice.get("/compute/v2.1/servers/" + id).json().at("/server/addresses/alpha-net/0/addr").asText())
                .isEqualTo("10.20.0.200");
        assertThat(alice.delete("/networking/v2.0/ports/" + port).status()).isEqualTo(204);
        assertThat(alice.get("/compute/v2.1/servers/" + id).json().at("/server/addresses").isEmpty()).isTrue();
    }

    @Test
    void aRefusedCreateLeavesNoServerPortOrJobBehind() {
        int servers = count("select count(*) from server");
        int ports = count("select count(*) from port");
        int jobs = count("select count(*) from job");
        Answer taken = createServer(alice, """
                {"name": "twin", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}, {"uuid": "%s", "fixed_ip": "10.20.0.250"},
                 {"uuid": "%s", "fixed_ip": "10.20.0.250"}]}""".formatted(flavor, image, network, network, network));
        assertNovaError(taken, 400, "badRequest");
        assertThat(count("select count(*) from server")).isEqualTo(servers);
        assertThat(count("select count(*) from port")).isEqualTo(ports);
        assertThat(count("select count(*) from job")).isEqualTo(jobs);
    }

    @Test
    void createValidatesFlavorImageNetworkKeypairAndZoneAsNovaDoes() {
        assertNovaError(createServer(alice, """
                {"name": "x", "flavorRef": "nope", "imageRef": "%s", "networks": [{"uuid": "%s"}]}""".formatted(image, network)),
                400, "badRequest");
        assertNovaError(createServer(alice, """
                {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}]}"""
                .formatted(flavor, "6a2b4c1e-0000-4000-8000-000000000000", network)), 400, "badRequest");
        assertNovaError(createServer(alice, """
                {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "6a2b4c1e-0000-4000-8000-000000000000"}]}"""
                .formatted(flavor, image)), 400, "badRequest");
        assertNovaError(createServer(bob, serverBody("x")), 400, "badRequest");
        assertNovaError(createServer(alice, """
                {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}], "key_name": "missing"}"""
                .formatted(flavor, image, network)), 400, "badRequest");
        Answer zone = createServer(alice, """
                {"name": "x", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}], "availability_zone": "az-none"}"""
                .formatted(flavor, image, network));
        assertNovaError(zone, 400, "badRequest");
        assertThat(zone.json().at("/badRequest/message").asText()).isEqualTo("The requested availability zone is not available");
        assertNovaError(createServer(alice, "{\"name\": \"x\", \"flavorRef\": \"" + flavor + "\", \"bogus\": 1}"), 400, "badRequest");
        assertNovaError(alice.post("/compute/v2.1/servers", "{\"server\": {\"flavorRef\": \"" + flavor + "\"}}"), 400, "badRequest");
    }

    @Test
    void serverListsFilterByNameRegexStatusZoneAndChangesSinceAndPage() {
        server.addSite("list-site", "list-az");
        Instant before = Instant.now().minusSeconds(1);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("db-1", "db-2", "cache-1")) {
            Answer created = bob.post("/compute/v2.1/servers", """
                    {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": "none", "availability_zone": "list-az"}}"""
                    .formatted(name, flavor, image), LATEST);
            assertThat(created.status()).as(created.text()).isEqualTo(202);
            ids.add(created.json().at("/server/id").asText());
        }
        assertThat(names(bob.get("/compute/v2.1/servers?name=%5Edb-"))).containsExactly("db-2", "db-1");
        assertThat(names(bob.get("/compute/v2.1/servers/detail?status=BUILD&availability_zone=list-az"))).hasSize(3);
        assertThat(names(bob.get("/compute/v2.1/servers/detail?status=ACTIVE"))).isEmpty();
        assertThat(names(bob.get("/compute/v2.1/servers/detail?status=NOT_A_STATUS"))).isEmpty();
        assertThat(names(bob.get("/compute/v2.1/servers?changes-since=" + before))).hasSize(3);
        assertThat(names(bob.get("/compute/v2.1/servers?changes-since=" + Instant.now().plusSeconds(60)))).isEmpty();
        assertNovaError(bob.get("/compute/v2.1/servers?changes-since=yesterday"), 400, "badRequest");
        assertNovaError(bob.get("/compute/v2.1/servers?name=(unclosed"), 400, "badRequest");

        Answer page = bob.get("/compute/v2.1/servers/detail?limit=2");
        assertThat(names(page)).containsExactly("cache-1", "db-2");
        String next = page.json().at("/servers_links/0/href").asText();
        assertThat(next).contains("marker=" + ids.get(1));
        assertThat(names(bob.get(next.substring(server.url().length())))).containsExactly("db-1");
        assertNovaError(bob.get("/compute/v2.1/servers?marker=6a2b4c1e-0000-4000-8000-000000000000"), 400, "badRequest");
        assertNovaError(bob.get("/compute/v2.1/servers?limit=-1"), 400, "badRequest");

        JsonNode zones = bob.get("/compute/v2.1/os-availability-zone").json().get("availabilityZoneInfo");
        assertThat(zones.toString()).contains("\"zoneName\":\"list-az\"");
    }

    @Test
    void aNameFilterLongerThan255CharactersIsRefusedWithBadRequest() {
        assertNovaError(admin.get("/compute/v2.1/servers?name=" + "a".repeat(256)), 400, "badRequest");
        assertNovaError(admin.get("/compute/v2.1/servers/detail?name=" + "a".repeat(256)), 400, "badRequest");
        assertThat(admin.get("/compute/v2.1/servers?name=" + "a".repeat(255)).status()).isEqualTo(200);
    }

    @Test
    void aCatastrophicNameFilterAnswersWithinTheListQueryTimeout() {
        Answer created = admin.post("/compute/v2.1/servers", """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": "none"}}"""
                .formatted("a".repeat(60) + "!", flavor, image), LATEST);
        assertThat(created.status()).as(created.text()).isEqualTo(202);
        // (.*a){25}$ backtracks exponentially in java.util.regex (which memoizes the better known (a+)+$)
        String hostile = URLEncoder.encode("(.*a){25}$", StandardCharsets.UTF_8);
        for (String list : List.of("/compute/v2.1/servers", "/compute/v2.1/servers/detail")) {
            long started = System.nanoTime();
            Answer answer = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> admin.get(list + "?name=" + hostile));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIST_QUERY_TIMEOUT.multipliedBy(5));
            if (answer.status() != 200) { // PostgreSQL's regular-expression engine does not backtrack exponentially
                assertNovaError(answer, 400, "badRequest");
            }
        }
        assertThat(admin.get("/compute/v2.1/servers?name=%5Ea").status()).isEqualTo(200);
    }

    @Test
    void aDeletedServerIsListedAsDeletedSinceItsDeletionOnlyToItsProject() {
        Instant before = Instant.now().minusSeconds(1);
        String kept = createServer(alice, serverBody("kept")).json().at("/server/id").asText();
        String gone = createServer(alice, serverBody("gone")).json().at("/server/id").asText();
        String newest = createServer(alice, serverBody("newest")).json().at("/server/id").asText();
        assertThat(alice.delete("/compute/v2.1/servers/" + gone).status()).isEqualTo(204);

        assertThat(names(alice.get("/compute/v2.1/servers"))).doesNotContain("gone");
        JsonNode changed = alice.get("/compute/v2.1/servers/detail?changes-since=" + before).json().get("servers");
        assertThat(changed).extracting(s -> s.get("name").asText()).containsSubsequence("newest", "gone", "kept");
        JsonNode deleted = java.util.stream.StreamSupport.stream(changed.spliterator(), false)
                .filter(s -> s.get("id").asText().equals(gone)).findFirst().orElseThrow();
        assertThat(deleted.get("status").asText()).isEqualTo("DELETED");
        assertThat(deleted.get("OS-EXT-STS:vm_state").asText()).isEqualTo("deleted");
        assertThat(names(alice.get("/compute/v2.1/servers?changes-since=" + before + "&status=DELETED"))).containsExactly("gone");
        assertThat(names(alice.get("/compute/v2.1/servers?changes-since=" + before + "&status=BUILD"))).doesNotContain("gone");
        assertThat(names(bob.get("/compute/v2.1/servers?changes-since=" + before))).doesNotContain("gone");
        assertNovaError(alice.get("/compute/v2.1/servers/" + gone), 404, "itemNotFound");

        // pages run through the deleted server as through any other
        assertThat(names(alice.get("/compute/v2.1/servers?changes-since=" + before + "&marker=" + newest + "&limit=1")))
                .containsExactly("gone");
        assertThat(names(alice.get("/compute/v2.1/servers?changes-since=" + before + "&marker=" + gone + "&limit=1")))
                .containsExactly("kept");
        assertNovaError(alice.get("/compute/v2.1/servers?marker=" + gone), 400, "badRequest");
        alice.delete("/compute/v2.1/servers/" + kept);
        alice.delete("/compute/v2.1/servers/" + newest);
    }

    @Test
    void allTenantsIsForAdministratorsAndAnotherProjectsServerIsNotFound() {
        String id = createServer(alice, serverBody("secret")).json().at("/server/id").asText();
        assertNovaError(bob.get("/compute/v2.1/servers/" + id), 404, "itemNotFound");
        assertNovaError(bob.delete("/compute/v2.1/servers/" + id), 404, "itemNotFound");
        assertNovaError(bob.send("PUT", "/compute/v2.1/servers/" + id, Map.of(), "{\"server\": {\"name\": \"mine\"}}"), 404, "itemNotFound");
        assertThat(names(bob.get("/compute/v2.1/servers"))).doesNotContain("secret");
        assertNovaError(bob.get("/compute/v2.1/servers?all_tenants=1"), 403, "forbidden");
        assertThat(names(admin.get("/compute/v2.1/servers?all_tenants=1"))).contains("secret");
        assertThat(names(admin.get("/compute/v2.1/servers?all_tenants=1&project_id=" + server.alpha.id()))).contains("secret");
        assertThat(names(admin.get("/compute/v2.1/servers"))).doesNotContain("secret");
    }

    @Test
    void anUnplacedServerIsDeletedAtOnceAndAPlacedOneIsHandedToItsProxy() {
        String unplaced = createServer(alice, serverBody("short-lived")).json().at("/server/id").asText();
        assertThat(alice.delete("/compute/v2.1/servers/" + unplaced).status()).isEqualTo(204);
        assertNovaError(alice.get("/compute/v2.1/servers/" + unplaced), 404, "itemNotFound");
        assertThat(alice.get("/networking/v2.0/ports?device_id=" + unplaced).json().get("ports")).isEmpty();

        String placed = createServer(alice, serverBody("placed")).json().at("/server/id").asText();
        server.database.jdbi().useHandle(h -> h.createUpdate("""
                        insert into routing (top_id, resource_type, region, state, created_at, updated_at)
                        values (:id, 'server', 'site-a', 'creating', :now, :now)""")
                .bind("id", placed).bind("now", Instant.now()).execute());
        assertThat(alice.delete("/compute/v2.1/servers/" + placed).status()).isEqualTo(204);
        assertThat(alice.get("/compute/v2.1/servers/" + placed).json().at("/server/OS-EXT-STS:task_state").asText()).isEqualTo("deleting");
        assertThat(count("select count(*) from job where type = 'server.delete' and resource_id = ?", placed)).isEqualTo(1);
    }

    @Test
    void serversCanBeRenamedAndCarryMetadata() {
        String id = createServer(alice, """
                {"name": "meta", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}], "metadata": {"role": "db"}}"""
                .formatted(flavor, image, network)).json().at("/server/id").asText();
        Answer renamed = alice.put("/compute/v2.1/servers/" + id, "{\"server\": {\"name\": \"meta-2\"}}");
        assertThat(renamed.json().at("/server/name").asText()).isEqualTo("meta-2");
        assertThat(alice.post("/compute/v2.1/servers/" + id + "/metadata", "{\"metadata\": {\"tier\": \"gold\"}}").json()
                .get("metadata").toString()).isEqualTo("{\"role\":\"db\",\"tier\":\"gold\"}");
        assertThat(alice.get("/compute/v2.1/servers/" + id + "/metadata/tier").json().at("/meta/tier").asText()).isEqualTo("gold");
        assertThat(alice.delete("/compute/v2.1/servers/" + id + "/metadata/tier").status()).isEqualTo(204);
        assertNovaError(alice.get("/compute/v2.1/servers/" + id + "/metadata/tier"), 404, "itemNotFound");
        assertThat(alice.put("/compute/v2.1/servers/" + id + "/metadata", "{\"metadata\": {\"a\": \"b\"}}").json().get("metadata")
                .toString()).isEqualTo("{\"a\":\"b\"}");
        assertNovaError(alice.post("/compute/v2.1/servers/" + id + "/action", "{\"reboot\": {\"type\": \"SOFT\"}}"), 409, "conflictingRequest");
    }

    @Test
    void flavorsArePublicOrPrivateWithAccessAndExtraSpecsAndOnlyAdministratorsManageThem() {
        assertNovaError(alice.post("/compute/v2.1/flavors", "{\"flavor\": {\"name\": \"x\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0}}"),
                403, "forbidden");
        Answer created = admin.post("/compute/v2.1/flavors", """
                {"flavor": {"name": "private.big", "id": "big", "ram": 4096, "vcpus": 4, "disk": 40, "os-flavor-access:is_public": false}}""");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().at("/flavor/swap").asText()).isEmpty();
        assertNovaError(admin.post("/compute/v2.1/flavors", "{\"flavor\": {\"name\": \"private.big\", \"ram\": 1, \"vcpus\": 1, \"disk\": 0}}"),
                409, "conflictingRequest");
        assertNovaError(alice.get("/compute/v2.1/flavors/big"), 404, "itemNotFound");
        assertThat(admin.post("/compute/v2.1/flavors/big/action", "{\"addTenantAccess\": {\"tenant\": \"" + server.alpha.id() + "\"}}")
                .json().at("/flavor_access/0/tenant_id").asText()).isEqualTo(server.alpha.id());
        assertThat(alice.get("/compute/v2.1/flavors/big").status()).isEqualTo(200);
        assertNovaError(bob.get("/compute/v2.1/flavors/big"), 404, "itemNotFound");
        assertThat(names(bob.get("/compute/v2.1/flavors"), "flavors")).doesNotContain("private.big");

        assertThat(admin.post("/compute/v2.1/flavors/big/os-extra_specs", "{\"extra_specs\": {\"hw:cpu_policy\": \"dedicated\"}}").status())
                .isEqualTo(200);
        assertThat(alice.get("/compute/v2.1/flavors/big/os-extra_specs").json().at("/extra_specs/hw:cpu_policy").asText())
                .isEqualTo("dedicated");
        assertNovaError(alice.post("/compute/v2.1/flavors/big/os-extra_specs", "{\"extra_specs\": {\"a\": \"b\"}}"), 403, "forbidden");
        assertThat(admin.delete("/compute/v2.1/flavors/big").status()).isEqualTo(202);
        assertNovaError(admin.get("/compute/v2.1/flavors/big"), 404, "itemNotFound");
    }

    @Test
    void keypairsAreGeneratedWithTheirPrivateKeyOnceOrImported() {
        Answer generated = alice.post("/compute/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"gen\"}}");
        assertThat(generated.status()).isEqualTo(200);
        JsonNode keypair = generated.json().get("keypair");
        assertThat(keypair.get("public_key").asText()).startsWith("ssh-rsa AAAA");
        assertThat(keypair.get("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(keypair.get("fingerprint").asText()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        JsonNode shown = alice.get("/compute/v2.1/os-keypairs/gen").json().get("keypair");
        assertThat(shown.has("private_key")).isFalse();
        assertThat(shown.get("fingerprint").asText()).isEqualTo(keypair.get("fingerprint").asText());

        String publicKey = keypair.get("public_key").asText();
        Answer imported = alice.post("/compute/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"imp\", \"public_key\": \"" + publicKey + "\"}}",
                Map.of("OpenStack-API-Version", "compute 2.10"));
        assertThat(imported.status()).isEqualTo(201);
        assertThat(imported.json().at("/keypair/fingerprint").asText()).isEqualTo(keypair.get("fingerprint").asText());
        assertThat(imported.json().at("/keypair/type").asText()).isEqualTo("ssh");
        assertNovaError(alice.post("/compute/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"gen\"}}"), 409, "conflictingRequest");
        assertNovaError(alice.post("/compute/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"bad\", \"public_key\": \"ssh-rsa nonsense\"}}"),
                400, "badRequest");
        assertNovaError(bob.get("/compute/v2.1/os-keypairs/gen"), 404, "itemNotFound");
        assertThat(alice.delete("/compute/v2.1/os-keypairs/imp").status()).isEqualTo(202);
    }

    @Test
    void quotasRefuseServersBeyondTheLimitWithForbidden() {
        assertNovaError(bob.put("/compute/v2.1/os-quota-sets/" + server.beta.id(), "{\"quota_set\": {\"instances\": 1}}"), 403, "forbidden");
        Caller carol = admin;
        String project = server.beta.id();
        carol.put("/compute/v2.1/os-quota-sets/" + project, "{\"quota_set\": {\"cores\": 0}}");
        Answer refused = createServer(bob, """
                {"name": "too-many", "flavorRef": "%s", "imageRef": "%s"}""".formatted(flavor, image));
        assertNovaError(refused, 403, "forbidden");
        assertThat(refused.json().at("/forbidden/message").asText()).startsWith("Quota exceeded for cores");
        JsonNode limits = bob.get("/compute/v2.1/limits").json().at("/limits/absolute");
        assertThat(limits.get("maxTotalCores").asInt()).isZero();
        assertThat(bob.get("/compute/v2.1/os-quota-sets/" + project).json().at("/quota_set/cores").asInt()).isZero();
        assertNovaError(bob.get("/compute/v2.1/os-quota-sets/" + server.alpha.id()), 403, "forbidden");
        carol.delete("/compute/v2.1/os-quota-sets/" + project);
        assertThat(bob.get("/compute/v2.1/os-quota-sets/" + project).json().at("/quota_set/cores").asInt()).isEqualTo(20);
    }

    private static List<String> names(Answer answer) {
        return names(answer, "servers");
    }

    private static List<String> names(Answer answer, String collection) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        answer.json().get(collection).forEach(s -> names.add(s.get("name").asText()));
        return names;
    }


    /** A volume of alice's, made real in {@code region} as the cinder proxy would: available, with its routing row. */
    private String placedVolume(String region) {
        String id = alice.post("/volume/v3/" + server.alpha.id() + "/volumes", "{\"volume\": {\"size\": 1}}").json()
                .at("/volume/id").asText();
        place(id, "volume", region);
        server.database.jdbi().useHandle(h -> h.execute("update volume set status = 'available', availability_zone = ? where id = ?",
                "zone-of-" + region, id));
        return id;
    }

    /** A server of alice's, ACTIVE in {@code region} as the nova proxy and the pollers would make it. */
    private String activeServer(String name, String region) {
        String id = createServer(alice, serverBody(name)).json().at("/server/id").asText();
        place(id, "server", region);
        server.database.jdbi().useHandle(h -> h.execute(
                "update server set status = 'ACTIVE', vm_state = 'active', task_state = null where id = ?", id));
        return id;
    }

    private void place(String topId, String type, String region) {
        Instant now = Instant.now();
        server.database.jdbi().useHandle(h -> {
            if (h.createQuery("select count(*) from site where region = ?").bind(0, region).mapTo(Integer.class).one() == 0) {
                h.execute("insert into site (region, state, state_since, created_at) values (?, 'up', ?, ?)", region, now, now);
                h.execute("insert into site_az (region, site_az, top_az) values (?, ?, ?)", region, "zone-of-" + region,
                        "zone-of-" + region);
            }
            h.execute("""
                    insert into routing (top_id, resource_type, region, bottom_id, state, created_at, updated_at)
                    values (?, ?, ?, ?, 'active', ?, ?)""", topId, type, region, "bottom-" + topId, now, now);
        });
    }

    private Answer attach(Caller caller, String serverId, String body) {
        return caller.post("/compute/v2.1/servers/" + serverId + "/os-volume_attachments", "{\"volumeAttachment\": " + body + "}", LATEST);
    }

    @Test
    void volumeAttachmentsAreRefusedWithNovasFaultsUntilServerAndVolumeCanTakeThem() {
        String building = createServer(alice, serverBody("building")).json().at("/server/id").asText();
        String creating = alice.post("/volume/v3/" + server.alpha.id() + "/volumes", "{\"volume\": {\"size\": 1}}").json()
                .at("/volume/id").asText();
        String attachments = "/compute/v2.1/servers/" + building + "/os-volume_attachments";

        assertThat(alice.get(attachments).json().get("volumeAttachments")).isEmpty();
        assertNovaError(attach(alice, building, "{}"), 400, "badRequest");
        assertNovaError(attach(alice, building, "{\"volumeId\": \"not-a-uuid\"}"), 400, "badRequest");
        assertNovaError(attach(alice, building, "{\"volumeId\": \"" + creating + "\", \"device\": \"vdb\"}"), 400, "badRequest");
        Answer unknown = attach(alice, building, "{\"volumeId\": \"6a2b4c1e-0000-4000-8000-000000000000\"}");
        assertNovaError(unknown, 404, "itemNotFound");
        assertThat(unknown.json().at("/itemNotFound/message").asText())
                .isEqualTo("Volume 6a2b4c1e-0000-4000-8000-000000000000 could not be found.");
        assertNovaError(attach(bob, building, "{\"volumeId\": \"" + creating + "\"}"), 404, "itemNotFound");
        Answer notYet = attach(alice, building, "{\"volumeId\": \"" + creating + "\"}");
        assertNovaError(notYet, 409, "conflictingRequest");
        assertThat(notYet.json().at("/conflictingRequest/message").asText())
                .isEqualTo("Cannot 'attach_volume' instance " + building + " while it is in vm_state building");
        assertNovaError(alice.get(attachments + "/" + creating), 404, "itemNotFound");
        assertNovaError(alice.delete(attachments + "/" + creating), 404, "itemNotFound");
        assertThat(count("select count(*) from volume_attachment")).isZero();
    }

    @Test
    void anAttachAnswersWithNovasBodyAndLeavesTheVolumeAttachingForItsProxy() {
        String serverId = activeServer("with-disk", "region-a");
        String volume = placedVolume("region-a");

        Answer attached = attach(alice, serverId, "{\"volumeId\": \"" + volume + "\", \"tag\": \"data\"}");

        assertThat(attached.status()).as(attached.text()).isEqualTo(200);
        JsonNode body = attached.json().get("volumeAttachment");
        assertThat(body.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("device", "id", "serverId", "volumeId", "tag", "delete_on_termination");
        assertThat(body.get("device").asText()).isEqualTo("/dev/vdb");
        assertThat(body.get("id").asText()).isEqualTo(volume);
        assertThat(body.get("tag").asText()).isEqualTo("data");
        assertThat(count("select count(*) from job where type = 'volume.attachment' and resource_id = ? and region = 'region-a'", volume))
                .isEqualTo(1);
        JsonNode shown = alice.get("/volume/v3/" + server.alpha.id() + "/volumes/" + volume).json().get("volume");
        assertThat(shown.get("status").asText()).isEqualTo("attaching");
        assertThat(shown.get("attachments")).as("shown once the site confirmed it").isEmpty();
        assertThat(alice.get("/compute/v2.1/servers/" + serverId, LATEST).json()
                .at("/server/os-extended-volumes:volumes_attached/0/id").asText()).isEqualTo(volume);
        assertThat(alice.get("/compute/v2.1/servers/" + serverId + "/os-volume_attachments/" + volume).json()
                .at("/volumeAttachment/serverId").asText()).isEqualTo(serverId);

        Answer again = attach(alice, serverId, "{\"volumeId\": \"" + volume + "\"}");
        assertNovaError(again, 400, "badRequest");
        assertThat(again.json().at("/badRequest/message").asText()).isEqualTo("Invalid volume: volume " + volume + " already attached");
        Answer early = alice.delete("/compute/v2.1/servers/" + serverId + "/os-volume_attachments/" + volume);
        assertNovaError(early, 400, "badRequest");
        assertThat(early.json().at("/badRequest/message").asText()).startsWith("Invalid volume: Unable to detach volume.");
    }

    @Test
    void aVolumeAndAServerInDifferentSitesAreNotAttached() {
        String serverId = activeServer("far", "region-b");
        String volume = placedVolume("region-c");

        Answer refused = attach(alice, serverId, "{\"volumeId\": \"" + volume + "\"}");

        assertNovaError(refused, 400, "badRequest");
        assertThat(refused.json().at("/badRequest/message").asText()).isEqualTo("Volume " + volume
                + " is in availability zone zone-of-region-c (site region-c) and server " + serverId
                + " in availability zone zone-of-region-b (site region-b): attaching a volume across sites is not possible.");
        assertThat(count("select count(*) from volume_attachment where volume_id = ?", volume)).isZero();
        assertThat(alice.get("/volume/v3/" + server.alpha.id() + "/volumes/" + volume).json().at("/volume/status").asText())
                .isEqualTo("available");
    }

    @Test
    void aServerBootsFromOneAvailableVolumeInItsZoneOrIsRefused() {
        String creating = alice.post("/volume/v3/" + server.alpha.id() + "/volumes", "{\"volume\": {\"size\": 1}}").json()
                .at("/volume/id").asText();
        String root = placedVolume("region-d");
        String mapping = "{\"boot_index\": 0, \"uuid\": \"%s\", \"source_type\": \"volume\", \"destination_type\": \"volume\"}";
        String fromVolume = "{\"name\": \"bfv\", \"flavorRef\": \"%s\", \"networks\": [{\"uuid\": \"%s\"}], \"block_device_mapping_v2\": [%s]%s}";

        Answer notAvailable = createServer(alice, fromVolume.formatted(flavor, network, mapping.formatted(creating), ""));
        assertNovaError(notAvailable, 400, "badRequest");
        assertThat(notAvailable.json().at("/badRequest/message").asText()).contains("status must be 'available'");
        assertThat(createServer(alice, fromVolume.formatted(flavor, network, mapping.formatted("6a2b4c1e-0000-4000-8000-000000000000"), ""))
                .json().at("/badRequest/message").asText())
                .isEqualTo("Block Device Mapping is Invalid: failed to get volume 6a2b4c1e-0000-4000-8000-000000000000.");
        assertNovaError(createServer(alice, fromVolume.formatted(flavor, network,
                mapping.formatted(root) + ", " + mapping.formatted(creating), "")), 400, "badRequest");
        assertNovaError(createServer(alice, fromVolume.formatted(flavor, network,
                mapping.formatted(root).replace("\"source_type\": \"volume\"", "\"source_type\": \"image\""), "")), 400, "badRequest");
        assertNovaError(createServer(alice, fromVolume.formatted(flavor, network, mapping.formatted(root),
                ", \"availability_zone\": \"zone-of-region-a\"")), 400, "badRequest");
        assertThat(count("select count(*) from server where name = 'bfv'")).isZero();

        Answer created = createServer(alice, fromVolume.formatted(flavor, network, mapping.formatted(root), ""));

        assertThat(created.status()).as(created.text()).isEqualTo(202);
        String id = created.json().at("/server/id").asText();
        JsonNode shown = alice.get("/compute/v2.1/servers/" + id).json().get("server");
        assertThat(shown.get("image").asText()).isEmpty();
        assertThat(shown.get("OS-EXT-AZ:availability_zone").asText()).isEqualTo("zone-of-region-d");
        assertThat(shown.at("/os-extended-volumes:volumes_attached/0/id").asText()).isEqualTo(root);
        assertThat(count("select count(*) from volume_attachment where volume_id = ? and server_id = ? and boot_index = 0"
                + " and device = '/dev/vda'", root, id)).isEqualTo(1);
        assertThat(alice.get("/volume/v3/" + server.alpha.id() + "/volumes/" + root).json().at("/volume/status").asText())
                .isEqualTo("attaching");
        assertThat(count("select count(*) from job where resource_id = ? and type = 'server.create'", id)).isEqualTo(1);
    }

    @Test
    void aVolumeReservedAsTheRootOfABuildingServerCannotBeDeleted() {
        String root = placedVolume("region-d");
        String created = createServer(alice, """
                {"name": "rooted", "flavorRef": "%s", "networks": [{"uuid": "%s"}], "block_device_mapping_v2": [{"boot_index": 0,
                 "uuid": "%s", "source_type": "volume", "destination_type": "volume"}]}""".formatted(flavor, network, root))
                .json().at("/server/id").asText();
        String volume = "/volume/v3/" + server.alpha.id() + "/volumes/" + root;

        Answer refused = alice.delete(volume);
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().at("/badRequest/message").asText()).startsWith("Invalid volume:");
        // Its site still shows it available while the server builds; the top must not take that for free.
        server.database.jdbi().useHandle(h -> h.execute("update volume set status = 'available' where id = ?", root));
        assertThat(alice.delete(volume).status()).isEqualTo(400);
        assertThat(alice.get(volume).json().at("/volume/status").asText()).isEqualTo("available");
        assertThat(count("select count(*) from job where resource_id = ? and type = 'volume.delete'", root)).isZero();
        assertThat(alice.get("/compute/v2.1/servers/" + created).json().at("/server/status").asText()).isEqualTo("BUILD");
        assertThat(alice.delete("/compute/v2.1/servers/" + created).status()).isEqualTo(204);
    }

    @Test
    void aRenameOrMetadataChangeIsWrittenWithTheJobThatTakesItToTheSiteOrNotAtAll() {
        String id = activeServer("atomic", "region-a");
        server.database.jdbi().useHandle(h -> h.execute("alter table job rename to job_away"));
        try {
            assertThat(alice.put("/compute/v2.1/servers/" + id, "{\"server\": {\"name\": \"atomic-2\"}}").status()).isEqualTo(500);
            assertThat(alice.post("/compute/v2.1/servers/" + id + "/metadata", "{\"metadata\": {\"tier\": \"gold\"}}").status())
                    .isEqualTo(500);
        } finally {
            server.database.jdbi().useHandle(h -> h.execute("alter table job_away rename to job"));
        }
        JsonNode shown = alice.get("/compute/v2.1/servers/" + id).json().get("server");
        assertThat(shown.get("name").asText()).isEqualTo("atomic");
        assertThat(shown.get("metadata").size()).isZero();

        assertThat(alice.put("/compute/v2.1/servers/" + id, "{\"server\": {\"name\": \"atomic-2\"}}").status()).isEqualTo(200);
        assertThat(count("select count(*) from job where type = 'server.update' and resource_id = ?", id)).isEqualTo(1);
        assertThat(alice.delete("/compute/v2.1/servers/" + id).status()).isEqualTo(204);
    }
}
