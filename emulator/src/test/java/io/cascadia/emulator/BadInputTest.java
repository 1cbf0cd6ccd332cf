package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import io.cascadia.testkit.WireClient.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests get each real service's status and fault body, never a 500, and every answer a request id. */
class BadInputTest {
    private static FakeKeystone keystone;
    private static EmulatedSite site;
    private static SiteClient demo;
    private static String networkId;

    @BeforeAll
    static void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("bad", keystone.url()).withBuildLatency(Duration.ZERO));
        demo = new SiteClient(site.url(), FakeKeystone.DEMO);
        networkId = Sites.network(demo, "net", "10.3.0.0/24");
    }

    @AfterAll
    static void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void requestsWithoutAValidTokenGetKeystonemiddlewaresUnauthorized() {
        SiteClient anonymous = new SiteClient(site.url(), null);
        for (String path : new String[] {"/compute/v2.1/servers", "/networking/v2.0/networks", "/image/v2/images",
                "/volume/v3/" + FakeKeystone.DEMO_PROJECT + "/volumes"}) {
            Answer answer = anonymous.get(path);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.json().at("/error/code").asInt()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).isPresent();
        }
        assertThat(demo.as("forged").get("/compute/v2.1/servers").status()).isEqualTo(401);
    }

    @Test
    void everyAnswerCarriesARequestIdAndNovaAlsoTheComputeOne() {
        Answer answer = demo.get("/compute/v2.1/flavors");
        assertThat(answer.header("x-openstack-request-id").orElseThrow()).matches("req-[0-9a-f-]{36}");
        assertThat(answer.header("x-compute-request-id")).isEqualTo(answer.header("x-openstack-request-id"));
        assertThat(demo.get("/networking/v2.0/networks").header("x-openstack-request-id")).isPresent();
    }

    @Test
    void novaAnswersBadRequestAndItemNotFoundInItsFormat() {
        Answer malformed = demo.post("/compute/v2.1/servers", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/badRequest/code").asInt()).isEqualTo(400);

        Answer extra = demo.post("/compute/v2.1/servers", "{\"server\": {\"name\": \"x\", \"flavorRef\": \"1\", \"imageRef\": \""
                + Sites.imageId(site) + "\", \"colour\": \"red\"}}");
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.json().at("/badRequest/message").asText()).contains("'colour' was unexpected");

        Answer flavor = demo.post("/compute/v2.1/servers", Sites.serverBody("x", site, List.of(), "nope"));
        assertThat(flavor.status()).isEqualTo(400);
        assertThat(flavor.json().at("/badRequest/message").asText()).isEqualTo("Flavor nope could not be found.");

        Answer network = demo.post("/compute/v2.1/servers", Sites.serverBody("x", site,
                List.of("{\"uuid\": \"11111111-2222-3333-4444-555555555555\"}"), "1"));
        assertThat(network.status()).isEqualTo(400);

        Answer userData = demo.post("/compute/v2.1/servers", "{\"server\": {\"name\": \"x\", \"flavorRef\": \"1\", \"imageRef\": \""
                + Sites.imageId(site) + "\", \"user_data\": \"%%%not-base64\"}}");
        assertThat(userData.status()).isEqualTo(400);
        assertThat(userData.json().at("/badRequest/message").asText()).isEqualTo("User data needs to be valid base 64.");

        Answer missing = demo.get("/compute/v2.1/servers/11111111-2222-3333-4444-555555555555");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).isEqualTo(Json.read(
                "{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance 11111111-2222-3333-4444-555555555555 could not be found.\"}}"));

        Answer action = demo.post("/compute/v2.1/servers/11111111-2222-3333-4444-555555555555/action", "{\"os-stop\": null}");
        assertThat(action.status()).isEqualTo(404);
        Answer noRoute = demo.get("/compute/v2.1/no-such-thing");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json().at("/itemNotFound/code").asInt()).isEqualTo(404);
    }

    @Test
    void novaRefusesAdminOnlyCallsWithForbidden() {
        Answer flavor = demo.post("/compute/v2.1/flavors", "{\"flavor\": {\"name\": \"f\", \"ram\": 1, \"vcpus\": 1, \"disk\": 1}}");
        assertThat(flavor.status()).isEqualTo(403);
        assertThat(flavor.json().at("/forbidden/message").asText())
                .isEqualTo("Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed.");
        assertThat(demo.get("/compute/v2.1/os-hypervisors").status()).isEqualTo(403);
    }

    @Test
    void quotasAreEnforcedOnceAnAdministratorSetsThem() {
        SiteClient admin = demo.as(FakeKeystone.ADMIN);
        assertThat(admin.put("/compute/v2.1/os-quota-sets/" + FakeKeystone.OTHER_PROJECT,
                "{\"quota_set\": {\"instances\": 1}}").status()).isEqualTo(200);
        SiteClient other = demo.as(FakeKeystone.OTHER);
        String otherNetwork = Sites.network(other, "other-net", "10.9.0.0/24");
        Sites.createServer(other, site, "first", otherNetwork);
        Answer second = other.post("/compute/v2.1/servers", Sites.serverBody("second", site,
                List.of("{\"uuid\": \"" + otherNetwork + "\"}"), "1"));
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.json().at("/forbidden/message").asText())
                .isEqualTo("Quota exceeded for instances: Requested 1, but already used 1 of 1 instances");
        JsonNode quota = other.ok(other.get("/compute/v2.1/os-quota-sets/" + FakeKeystone.OTHER_PROJECT + "/detail"), 200);
        assertThat(quota.at("/quota_set/instances/in_use").asInt()).isEqualTo(1);
    }

    @Test
    void neutronAnswersWithNeutronErrorsTypedAsNeutronTypesThem() {
        Answer unknownAttribute = demo.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"n\", \"colour\": \"red\"}}");
        assertThat(unknownAttribute.status()).isEqualTo(400);
        assertThat(unknownAttribute.json().at("/NeutronError/type").asText()).isEqualTo("HTTPBadRequest");
        assertThat(unknownAttribute.json().at("/NeutronError/message").asText()).isEqualTo("Unrecognized attribute(s) 'colour'");
        assertThat(unknownAttribute.json().at("/NeutronError/detail").asText()).isEmpty();

        Answer missing = demo.get("/networking/v2.0/networks/11111111-2222-3333-4444-555555555555");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/NeutronError/type").asText()).isEqualTo("NetworkNotFound");

        Answer badCidr = demo.post("/networking/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + networkId
                + "\", \"ip_version\": 4, \"cidr\": \"10.3.0.0/33\"}}");
        assertThat(badCidr.status()).isEqualTo(400);
        assertThat(badCidr.json().at("/NeutronError/message").asText()).isEqualTo("Invalid input for cidr. Reason: '10.3.0.0/33' is not a valid IP subnet.");

        Answer filter = demo.get("/networking/v2.0/ports?colour=red");
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.json().at("/NeutronError/message").asText()).isEqualTo("['colour'] is invalid attribute for filtering");

        Answer provider = demo.post("/networking/v2.0/networks",
                "{\"network\": {\"name\": \"p\", \"provider:network_type\": \"vxlan\", \"provider:segmentation_id\": 5000}}");
        assertThat(provider.status()).isEqualTo(403);
        assertThat(provider.json().at("/NeutronError/type").asText()).isEqualTo("PolicyNotAuthorized");
    }

    @Test
    void cinderAndGlanceAnswerInTheirOwnFormats() {
        Answer volume = demo.post("/volume/v3/" + FakeKeystone.DEMO_PROJECT + "/volumes", "{\"volume\": {\"name\": \"v\"}}");
        assertThat(volume.status()).isEqualTo(400);
        assertThat(volume.json().at("/badRequest/code").asInt()).isEqualTo(400);
        Answer wrongProject = demo.get("/volume/v3/" + FakeKeystone.OTHER_PROJECT + "/volumes");
        assertThat(wrongProject.status()).isEqualTo(400);
        assertThat(wrongProject.json().at("/badRequest/message").asText()).isEqualTo("Malformed request url");
        Answer noVolume = demo.get("/volume/v3/" + FakeKeystone.DEMO_PROJECT + "/volumes/11111111-2222-3333-4444-555555555555");
        assertThat(noVolume.json().at("/itemNotFound/message").asText())
                .isEqualTo("Volume 11111111-2222-3333-4444-555555555555 could not be found.");

        Answer image = demo.get("/image/v2/images/11111111-2222-3333-4444-555555555555");
        assertThat(image.status()).isEqualTo(404);
        assertThat(image.header("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(image.text()).contains("404 Not Found").contains("No image found with ID 11111111-2222-3333-4444-555555555555");
        Answer patch = demo.send("PATCH", "/image/v2/images/" + Sites.imageId(site), Map.of(), "[]");
        assertThat(patch.status()).isEqualTo(415);
    }
}
