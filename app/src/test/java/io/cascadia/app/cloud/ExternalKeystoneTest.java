package io.cascadia.app.cloud;

import static io.cascadia.app.cloud.TestCloud.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.app.Settings;
import io.cascadia.app.TopConfig;
import io.cascadia.app.TopLayer;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import io.cascadia.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cascadia in front of an operator's regions that share one Keystone ({@code identity.mode=external}). The
 * operator's Keystone here is another Cascadia's embedded one, a real Keystone v3 over loopback; its regions
 * RegionOne and RegionTwo are emulated sites whose zones are both called {@code nova}, as every default Nova's is,
 * and which share one Glance. Users authenticate at the operator's Keystone and reach Cascadia through the region
 * it registered there.
 */
class ExternalKeystoneTest {
    private static final String SERVICE_PASSWORD = "service-pw-1";

    @TempDir
    Path operatorDir;
    @TempDir
    Path cascadiaDir;

    private TopLayer keystone;
    private final List<EmulatedSite> regions = new ArrayList<>();
    private TopLayer cascadia;
    private WireClient identity;
    private WireClient top;

    @BeforeEach
    void start() {
        keystone = TopLayer.start(TopConfig.from(Settings.empty()
                .with("server.port", 0)
                .with("identity.admin-password", "admin-pw-1")
                .with("identity.password-hash-rounds", 1000)
                .with("sites.service-password", SERVICE_PASSWORD), operatorDir));
        EmulatedSite one = EmulatedSite.start(region("RegionOne", 1));
        regions.add(one);
        regions.add(EmulatedSite.startSharingGlance(region("RegionTwo", 2), one));
        for (EmulatedSite site : regions) {
            keystone.identity().ensureRegion(site.region(), "");
            site.catalogEndpoints().forEach(e -> keystone.identity().ensureEndpoint(site.region(), e.type(), e.name(), e.url()));
        }
        Project demo = keystone.identity().ensureProject("demo", "");
        keystone.identity().grantOnProject(keystone.identity().ensureUser("demo", "demo-pw-1", demo), demo, Role.MEMBER);
        cascadia = startCascadia();
        identity = new WireClient(keystone.publicUrl());
        top = new WireClient(cascadia.publicUrl());
    }

    private SiteConfig region(String name, int n) {
        return SiteConfig.of(name, keystone.publicUrl() + "/v3")
                .withAvailabilityZones(List.of("nova"))
                .withTunnelSubnet("100.64." + n + ".0/24")
                .withBuildLatency(Duration.ofMillis(300));
    }

    private TopLayer startCascadia() {
        return TopLayer.start(TopConfig.from(Settings.empty()
                .with("server.port", 0)
                .with("identity.mode", "external")
                .with("identity.keystone-url", keystone.publicUrl() + "/v3")
                .with("identity.service-user", TopLayer.SERVICE_USER)
                .with("identity.service-password", SERVICE_PASSWORD)
                // a space in the region's name must reach Keystone as one path segment (%20, not +)
                .with("identity.region", "Cascading Outer")
                .with("identity.register-endpoints", "true")
                .with("identity.token-cache-ttl", "500ms")
                .with("sites.regions", "RegionOne,RegionTwo")
                .with("sites.RegionOne.az-map", "nova=zone1")
                .with("sites.RegionTwo.az-map", "nova=zone2")
                .with("sites.probe-interval", "300ms")
                .with("poll.interval", "100ms")
                .with("jobs.backoff", "200ms")
                .with("jobs.max-backoff", "1s")
                .with("scheduler.capacity-refresh", "1s"), cascadiaDir));
    }

    @AfterEach
    void stop() {
        if (cascadia != null) {
            cascadia.close();
        }
        regions.forEach(EmulatedSite::close);
        keystone.close();
    }

    @Test
    void cascadiaServesNoIdentityOfItsOwnAndSaysWhereToAuthenticate() {
        for (WireClient.Answer answer : List.of(top.get("/v3", Map.of()), top.send("POST", "/v3/auth/tokens", Map.of(), "{}"))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().at("/error/code").asInt()).isEqualTo(404);
            assertThat(answer.json().at("/error/message").asText()).contains(keystone.publicUrl() + "/v3");
        }
    }

    @Test
    void cascadiaRegistersItsEndpointsUnderItsRegionOnceHoweverOftenItStarts() {
        cascadia.close();
        cascadia = startCascadia();
        top = new WireClient(cascadia.publicUrl());
        JsonNode catalog = ok(identity.send("POST", "/v3/auth/tokens", Map.of(), password("demo", "demo-pw-1", "demo")))
                .at("/token/catalog");
        for (String type : List.of("compute", "network", "volumev3", "image", "identity")) {
            List<String> urls = new ArrayList<>();
            catalog.forEach(service -> {
                if (service.path("type").asText().equals(type)) {
                    service.path("endpoints").forEach(e -> {
                        if (e.path("region_id").asText().equals("Cascading Outer") && e.path("interface").asText().equals("public")) {
                            urls.add(e.path("url").asText());
                        }
                    });
                }
            });
            assertThat(urls).as(type).hasSize(1);
            assertThat(urls.getFirst()).startsWith(type.equals("identity") ? keystone.publicUrl() : cascadia.publicUrl());
        }
    }

    @Test
    void usersOfTheOperatorsKeystoneGetServersInBothRegionsZonesAndOneCopyOfAnImageInTheirSharedGlance() {
        Map<String, String> demo = token("demo", "demo-pw-1", "demo");
        Map<String, String> admin = token("admin", "admin-pw-1", "admin");
        JsonNode zones = ok(top.get("/compute/v2.1/os-availability-zone", demo)).path("availabilityZoneInfo");
        assertThat(zones.findValuesAsText("zoneName")).containsExactlyInAnyOrder("zone1", "zone2");

        String network = ok(top.send("POST", "/networking/v2.0/networks", demo, "{\"network\": {\"name\": \"net\"}}"))
                .at("/network/id").asText();
        ok(top.send("POST", "/networking/v2.0/subnets", demo, """
                {"subnet": {"network_id": "%s", "ip_version": 4, "cidr": "10.72.0.0/24"}}""".formatted(network)));
        String flavor = ok(top.send("POST", "/compute/v2.1/flavors", admin, """
                {"flavor": {"name": "tiny", "ram": 256, "vcpus": 1, "disk": 1}}""")).at("/flavor/id").asText();
        String image = ok(top.send("POST", "/image/v2/images", admin, """
                {"name": "img", "disk_format": "raw", "container_format": "bare", "visibility": "public"}""")).get("id").asText();
        assertThat(top.send("PUT", "/image/v2/images/" + image + "/file", admin, "image bytes".getBytes(), "application/octet-stream")
                .status()).isEqualTo(204);

        List<String> ids = new ArrayList<>();
        for (String zone : List.of("zone1", "zone2")) {
            ids.add(ok(top.send("POST", "/compute/v2.1/servers", demo, """
                    {"server": {"name": "vm-%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                     "availability_zone": "%s"}}""".formatted(zone, flavor, image, network, zone))).at("/server/id").asText());
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            TestCloud.await(() -> "ACTIVE".equals(top.get("/compute/v2.1/servers/" + id, demo).json().at("/server/status").asText()),
                    Duration.ofSeconds(30), () -> "server " + id + ": " + top.get("/compute/v2.1/servers/" + id, demo).text());
            JsonNode shown = top.get("/compute/v2.1/servers/" + id, demo).json().path("server");
            assertThat(shown.path("OS-EXT-AZ:availability_zone").asText()).isEqualTo(List.of("zone1", "zone2").get(i));
            WireClient site = new WireClient(regions.get(i).url());
            JsonNode copy = ok(site.get("/compute/v2.1/servers/detail?all_tenants=1", admin)).path("servers").get(0);
            assertThat(copy.path("name").asText()).isEqualTo("vm-zone" + (i + 1) + "@" + id);
            assertThat(copy.path("OS-EXT-AZ:availability_zone").asText()).isEqualTo("nova");
            JsonNode address = shown.at("/addresses/net/0");
            assertThat(copy.at("/addresses").toString()).contains(address.path("addr").asText())
                    .contains(address.path("OS-EXT-IPS-MAC:mac_addr").asText());
        }
        JsonNode images = ok(new WireClient(regions.getFirst().url()).get("/image/v2/images", admin)).path("images");
        assertThat(images.findValuesAsText("name")).containsOnlyOnce("img@" + image);
    }

    @Test
    void aTokenRevokedAtTheOperatorsKeystoneStopsWorkingWithinTheCacheTime() {
        Map<String, String> demo = token("demo", "demo-pw-1", "demo");
        Map<String, String> admin = token("admin", "admin-pw-1", "admin");
        assertThat(top.get("/networking/v2.0/networks", demo).status()).isEqualTo(200);
        assertThat(identity.send("DELETE", "/v3/auth/tokens", Map.of("X-Auth-Token", admin.get("X-Auth-Token"),
                "X-Subject-Token", demo.get("X-Auth-Token")), null).status()).isEqualTo(204);
        TestCloud.await(() -> top.get("/networking/v2.0/networks", demo).status() == 401, Duration.ofSeconds(5),
                () -> "the revoked token still works at Cascadia");
        assertThat(top.get("/networking/v2.0/networks", Map.of("X-Auth-Token", "not-a-token")).status()).isEqualTo(401);
    }

    private Map<String, String> token(String user, String password, String project) {
        WireClient.Answer answer = identity.send("POST", "/v3/auth/tokens", Map.of(), password(user, password, project));
        return Map.of("X-Auth-Token", answer.header("X-Subject-Token").orElseThrow(() -> new AssertionError(answer.text())));
    }

    private static String password(String user, String password, String project) {
        return """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"id": "default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}}}""".formatted(user, password, project);
    }
}
