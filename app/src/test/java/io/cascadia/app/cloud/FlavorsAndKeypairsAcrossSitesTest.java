package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flavors and keypairs are copied to a site the first time a server there needs them, with the top's properties;
 * later changes at the top (extra specs, access) and deletes reach every copy; a user's keypair is in every site their
 * servers land in.
 */
class FlavorsAndKeypairsAcrossSitesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    static TestCloud cloud;
    static TestCloud.Basics basics;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start(dataDir, 2, FaultPoints.NONE);
        basics = cloud.basics("fk", "10.50.0.0/24");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static Optional<JsonNode> flavorCopy(int site, String flavorId) {
        return cloud.siteClient(site).get("/compute/v2.1/flavors/detail?is_public=None", cloud.asAdmin()).json().path("flavors")
                .valueStream().filter(f -> f.path("name").asText().endsWith("@" + flavorId)).findFirst();
    }

    private static JsonNode siteJson(int site, String path) {
        return TestCloud.ok(cloud.siteClient(site).get("/compute/v2.1" + path, cloud.asAdmin()));
    }

    private static List<String> keypairCopies(int site) {
        String serviceUser = TestCloud.ok(cloud.client().get("/v3/users?name=cascadia", cloud.asAdmin())).at("/users/0/id").asText();
        Map<String, String> headers = Map.of("X-Auth-Token", cloud.asAdmin().get("X-Auth-Token"), "OpenStack-API-Version", "compute 2.10");
        List<String> names = new ArrayList<>();
        TestCloud.ok(cloud.siteClient(site).get("/compute/v2.1/os-keypairs?user_id=" + serviceUser, headers)).path("keypairs")
                .forEach(k -> names.add(k.at("/keypair/name").asText()));
        return names;
    }

    private static void send(String method, String path, String body) {
        int status = cloud.client().send(method, "/compute/v2.1" + path, cloud.asAdmin(), body).status();
        assertThat(status).as(method + " " + path).isLessThan(300);
    }

    @Test
    void aPrivateFlavorsCopyCarriesItsSpecsAndAccessAndFollowsTheirChangesAndItsDelete() {
        String flavor = TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/flavors", cloud.asAdmin(), """
                {"flavor": {"name": "gold", "ram": 256, "vcpus": 1, "disk": 1, "os-flavor-access:is_public": false}}"""))
                .at("/flavor/id").asText();
        String demo = cloud.projectOf(cloud.asDemo());
        send("POST", "/flavors/" + flavor + "/action", "{\"addTenantAccess\": {\"tenant\": \"" + demo + "\"}}");
        send("POST", "/flavors/" + flavor + "/os-extra_specs", "{\"extra_specs\": {\"hw:cpu_policy\": \"dedicated\", \"quota:disk\": \"1\"}}");

        String server = cloud.createServer("gold", new TestCloud.Basics(basics.network(), flavor, basics.image()), "az1");
        cloud.awaitServer(server, "ACTIVE", WAIT);

        JsonNode copy = flavorCopy(1, flavor).orElseThrow();
        assertThat(copy.path("name").asText()).isEqualTo("gold@" + flavor);
        assertThat(copy.path("os-flavor-access:is_public").asBoolean()).isFalse();
        String copyId = copy.path("id").asText();
        assertThat(siteJson(1, "/flavors/" + copyId + "/os-extra_specs").path("extra_specs"))
                .isEqualTo(TestCloud.ok(cloud.client().get("/compute/v2.1/flavors/" + flavor + "/os-extra_specs", cloud.asAdmin()))
                        .path("extra_specs"));
        assertThat(siteJson(1, "/flavors/" + copyId + "/os-flavor-access").at("/flavor_access/0/tenant_id").asText()).isEqualTo(demo);
        assertThat(flavorCopy(2, flavor)).as("no server needed it in site2").isEmpty();

        send("PUT", "/flavors/" + flavor + "/os-extra_specs/quota:disk", "{\"quota:disk\": \"2\"}");
        send("DELETE", "/flavors/" + flavor + "/os-extra_specs/hw:cpu_policy", null);
        send("POST", "/flavors/" + flavor + "/action", "{\"addTenantAccess\": {\"tenant\": \"another-project\"}}");
        TestCloud.await(() -> siteJson(1, "/flavors/" + copyId + "/os-extra_specs").path("extra_specs").toString()
                        .equals("{\"quota:disk\":\"2\"}")
                        && siteJson(1, "/flavors/" + copyId + "/os-flavor-access").path("flavor_access").size() == 2,
                WAIT, () -> "the copy did not follow: " + siteJson(1, "/flavors/" + copyId + "/os-extra_specs")
                        + siteJson(1, "/flavors/" + copyId + "/os-flavor-access"));

        send("DELETE", "/flavors/" + flavor, null);
        TestCloud.await(() -> flavorCopy(1, flavor).isEmpty(), WAIT, () -> "the copy outlived its flavor");
        assertThat(cloud.server(server).path("status").asText()).as("the server keeps its flavor").isEqualTo("ACTIVE");
    }

    @Test
    void aKeypairIsInEverySiteItsServersLandInAndLeavesThemWithItsDelete() {
        JsonNode keypair = TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/os-keypairs", cloud.asDemo(),
                "{\"keypair\": {\"name\": \"everywhere\"}}")).path("keypair");
        String publicKey = keypair.path("public_key").asText();
        List<String> servers = new ArrayList<>();
        for (String zone : List.of("az1", "az2")) {
            servers.add(TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/servers", cloud.asDemo(), """
                    {"server": {"name": "keyed", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                     "key_name": "everywhere", "availability_zone": "%s"}}""".formatted(basics.flavor(), basics.image(),
                    basics.network(), zone))).at("/server/id").asText());
        }
        servers.forEach(id -> cloud.awaitServer(id, "ACTIVE", WAIT));

        for (int site = 1; site <= 2; site++) {
            List<String> copies = keypairCopies(site).stream().filter(name -> name.startsWith("everywhere_")).toList();
            assertThat(copies).as("site" + site).hasSize(1);
            JsonNode bottomServer = cloud.bottomServers(site).stream().filter(s -> s.path("name").asText().startsWith("keyed@"))
                    .findFirst().orElseThrow();
            assertThat(bottomServer.path("key_name").asText()).isEqualTo(copies.getFirst());
        }
        assertThat(publicKey).isNotBlank();

        assertThat(cloud.client().send("DELETE", "/compute/v2.1/os-keypairs/everywhere", cloud.asDemo(), null).status())
                .isLessThan(300);
        TestCloud.await(() -> keypairCopies(1).stream().noneMatch(n -> n.startsWith("everywhere_"))
                        && keypairCopies(2).stream().noneMatch(n -> n.startsWith("everywhere_")),
                WAIT, () -> "copies outlived the keypair: " + keypairCopies(1) + " " + keypairCopies(2));
    }

    @Test
    void aKeypairLeftInASiteUnderTheCopysNameIsAdoptedOnlyWhenItHoldsTheSameKey() {
        String same = keypairWithALeftoverInSite1("leftover", null);
        String server = keyedServer("adopter", "leftover");
        cloud.awaitServer(server, "ACTIVE", WAIT);
        assertThat(keypairCopies(1)).containsOnlyOnce(same);

        String otherKey = siteKeypair(1, same).path("public_key").asText();
        String clash = keypairWithALeftoverInSite1("clash", otherKey);
        String refused = keyedServer("refused", "clash");
        assertThat(cloud.awaitServer(refused, "ERROR", WAIT).at("/fault/message").asText()).contains("already exists");
        assertThat(siteKeypair(1, clash).path("public_key").asText()).as("the other keypair, left as it was").isEqualTo(otherKey);
    }

    /**
     * A keypair at the top, and one of the service user's in site1 under the name its copy would have, with the same
     * public key or {@code otherKey}; returns that name.
     */
    private static String keypairWithALeftoverInSite1(String name, String otherKey) {
        String publicKey = TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/os-keypairs", cloud.asDemo(),
                "{\"keypair\": {\"name\": \"" + name + "\"}}")).at("/keypair/public_key").asText();
        long id = TestCloud.ok(cloud.client().get("/compute/v2.1/os-keypairs/" + name, cloud.asDemo())).at("/keypair/id").asLong();
        String copyName = name + "_" + id;
        TestCloud.ok(cloud.siteClient(1).send("POST", "/compute/v2.1/os-keypairs", cloud.asServiceUser(), """
                {"keypair": {"name": "%s", "public_key": "%s"}}""".formatted(copyName, otherKey == null ? publicKey : otherKey)));
        return copyName;
    }

    private static String keyedServer(String name, String keypair) {
        return TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/servers", cloud.asDemo(), """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                 "key_name": "%s", "availability_zone": "az1"}}""".formatted(name, basics.flavor(), basics.image(),
                basics.network(), keypair))).at("/server/id").asText();
    }

    private static JsonNode siteKeypair(int site, String name) {
        return TestCloud.ok(cloud.siteClient(site).get("/compute/v2.1/os-keypairs/" + name, cloud.asServiceUser())).path("keypair");
    }

    @Test
    void aKeypairNamedWithASpaceReachesTheSiteOfItsServerAndLeavesItWithItsDelete() {
        TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/os-keypairs", cloud.asDemo(),
                "{\"keypair\": {\"name\": \"my key\"}}"));
        String server = TestCloud.ok(cloud.client().send("POST", "/compute/v2.1/servers", cloud.asDemo(), """
                {"server": {"name": "spaced", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                 "key_name": "my key", "availability_zone": "az1"}}""".formatted(basics.flavor(), basics.image(),
                basics.network()))).at("/server/id").asText();
        cloud.awaitServer(server, "ACTIVE", WAIT);
        List<String> copies = keypairCopies(1).stream().filter(name -> name.startsWith("my key_")).toList();
        assertThat(copies).hasSize(1);
        JsonNode bottomServer = cloud.bottomServers(1).stream().filter(s -> s.path("name").asText().startsWith("spaced@"))
                .findFirst().orElseThrow();
        assertThat(bottomServer.path("key_name").asText()).isEqualTo(copies.getFirst());

        assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + server, cloud.asDemo(), null).status()).isLessThan(300);
        assertThat(cloud.client().send("DELETE", "/compute/v2.1/os-keypairs/my%20key", cloud.asDemo(), null).status())
                .isLessThan(300);
        TestCloud.await(() -> keypairCopies(1).stream().noneMatch(n -> n.startsWith("my key_")), WAIT,
                () -> "the copy outlived the keypair: " + keypairCopies(1));
    }
}
