package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.WireClient.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Version documents and microversion negotiation of Nova and Cinder, and the fields that change with it. */
class MicroversionTest {
    private static FakeKeystone keystone;
    private static EmulatedSite site;
    private static SiteClient demo;
    private static String serverId;

    @BeforeAll
    static void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("versions", keystone.url()).withBuildLatency(Duration.ZERO));
        demo = new SiteClient(site.url(), FakeKeystone.DEMO);
        serverId = Sites.createServer(demo, site, "versioned", Sites.network(demo, "net", "10.2.0.0/24"));
    }

    @AfterAll
    static void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void everyServiceRootListsItsVersionWithLinksToThisSite() {
        SiteClient anonymous = new SiteClient(site.url(), null);
        JsonNode compute = anonymous.ok(anonymous.get("/compute/"), 200);
        assertThat(compute.at("/versions/0/id").asText()).isEqualTo("v2.1");
        assertThat(compute.at("/versions/0/version").asText()).isEqualTo("2.79");
        assertThat(compute.at("/versions/0/min_version").asText()).isEqualTo("2.1");
        assertThat(compute.at("/versions/0/links/0/href").asText()).isEqualTo(site.url() + "/compute/v2.1/");
        assertThat(anonymous.ok(anonymous.get("/compute/v2.1"), 200).at("/version/media-types/0/type").asText())
                .isEqualTo("application/vnd.openstack.compute+json;version=2.1");
        assertThat(anonymous.ok(anonymous.get("/networking/"), 200).at("/versions/0/links/0/href").asText())
                .isEqualTo(site.url() + "/networking/v2.0/");
        JsonNode volume = anonymous.ok(anonymous.get("/volume/"), 300);
        assertThat(volume.at("/versions/0/version").asText()).isEqualTo("3.70");
        assertThat(volume.at("/versions/0/links/1/href").asText()).isEqualTo(site.url() + "/volume/v3/");
        JsonNode image = anonymous.ok(anonymous.get("/image/"), 300);
        assertThat(image.at("/versions/0/status").asText()).isEqualTo("CURRENT");
        assertThat(image.at("/versions/0/links/0/href").asText()).isEqualTo(site.url() + "/image/v2/");
    }

    @Test
    void theNegotiatedVersionIsEchoedInBothHeaders() {
        Answer answer = demo.with("OpenStack-API-Version", "compute 2.53").get("/compute/v2.1/servers");
        assertThat(answer.header("OpenStack-API-Version")).contains("compute 2.53");
        assertThat(answer.header("X-OpenStack-Nova-API-Version")).contains("2.53");
        Answer latest = demo.with("X-OpenStack-Nova-API-Version", "latest").get("/compute/v2.1/servers");
        assertThat(latest.header("OpenStack-API-Version")).contains("compute 2.79");
        Answer none = demo.get("/compute/v2.1/servers");
        assertThat(none.header("OpenStack-API-Version")).contains("compute 2.1");
    }

    @Test
    void aVersionOutsideTheRangeIsNotAcceptable() {
        Answer tooNew = demo.with("OpenStack-API-Version", "compute 2.80").get("/compute/v2.1/servers");
        assertThat(tooNew.status()).isEqualTo(406);
        assertThat(tooNew.json().at("/computeFault/code").asInt()).isEqualTo(406);
        assertThat(tooNew.json().at("/computeFault/message").asText())
                .isEqualTo("Version 2.80 is not supported by the API. Minimum is 2.1 and maximum is 2.79.");
        assertThat(demo.with("OpenStack-API-Version", "compute 2.0").get("/compute/v2.1/servers").status()).isEqualTo(406);
        assertThat(demo.with("OpenStack-API-Version", "volume 3.71")
                .get("/volume/v3/" + FakeKeystone.DEMO_PROJECT + "/volumes").status()).isEqualTo(406);
        Answer garbage = demo.with("OpenStack-API-Version", "compute two").get("/compute/v2.1/servers");
        assertThat(garbage.status()).isEqualTo(400);
    }

    @Test
    void fromTwoFortySevenTheServerEmbedsItsFlavor() {
        JsonNode old = demo.ok(demo.get("/compute/v2.1/servers/" + serverId), 200).at("/server/flavor");
        assertThat(old.get("id").asText()).isEqualTo("1");
        assertThat(old.at("/links/0/rel").asText()).isEqualTo("bookmark");

        JsonNode embedded = demo.ok(demo.with("OpenStack-API-Version", "compute 2.47")
                .get("/compute/v2.1/servers/" + serverId), 200).at("/server/flavor");
        assertThat(embedded.has("id")).isFalse();
        assertThat(embedded.get("original_name").asText()).isEqualTo("m1.tiny");
        assertThat(embedded.get("ram").asInt()).isEqualTo(512);
        assertThat(embedded.get("extra_specs").isObject()).isTrue();
    }

    @Test
    void fieldsAppearAtTheMicroversionsThatIntroducedThem() {
        JsonNode v21 = demo.ok(demo.get("/compute/v2.1/servers/" + serverId), 200).get("server");
        assertThat(v21.has("locked")).isFalse();
        assertThat(v21.has("description")).isFalse();
        assertThat(v21.has("tags")).isFalse();

        JsonNode v279 = demo.ok(demo.with("OpenStack-API-Version", "compute 2.79").get("/compute/v2.1/servers/" + serverId), 200)
                .get("server");
        assertThat(v279.get("locked").asBoolean()).isFalse();
        assertThat(v279.has("description")).isTrue();
        assertThat(v279.get("tags").isArray()).isTrue();
        assertThat(v279.get("server_groups").isArray()).isTrue();
        assertThat(v279.has("locked_reason")).isTrue();
        assertThat(v279.has("trusted_image_certificates")).isTrue();

        JsonNode detail = demo.ok(demo.with("OpenStack-API-Version", "compute 2.79").get("/compute/v2.1/servers/detail"), 200)
                .at("/servers/0");
        assertThat(detail.has("server_groups")).as("server_groups is not in the detail list").isFalse();
    }

    @Test
    void beforeTwoThirtySevenNetworksMayBeOmittedAndFromItTheyAreRequired() {
        String body = "{\"server\": {\"name\": \"x\", \"imageRef\": \"" + Sites.imageId(site) + "\", \"flavorRef\": \"1\"}}";
        Answer required = demo.with("OpenStack-API-Version", "compute 2.37").post("/compute/v2.1/servers", body);
        assertThat(required.status()).isEqualTo(400);
        assertThat(required.json().at("/badRequest/message").asText()).contains("'networks' is a required property");
        Answer implicit = demo.send("POST", "/compute/v2.1/servers", Map.of(), body);
        assertThat(implicit.status()).as(implicit.text()).isEqualTo(202);
    }
}
