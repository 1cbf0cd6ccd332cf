package io.cascadia.app.realsites;

import static io.cascadia.app.cloud.TestCloud.await;
import static io.cascadia.app.cloud.TestCloud.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.app.TopConfig;
import io.cascadia.app.TopLayer;
import io.cascadia.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the site client does against emulated sites, done against a real region through Cascadia's API: a server
 * with a keypair built there, actions taken to it, changes made in the region itself pulled back (changes-since
 * polls and full resyncs), the region going away (its APIs stop answering) and coming back, and deletes that leave
 * nothing of Cascadia's while a foreign server named like a copy, marked like one, in the same project, stays.
 */
@Tag("real-sites")
class RealSiteOperationsTest {
    private static final String ZONE = "zone2";
    private static final Duration BUILD = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    private final Map<String, Long> timings = new LinkedHashMap<>();
    private long lapStarted = System.nanoTime();

    @Test
    void serversInARealRegionFollowActionsChangesInTheRegionAndAnOutageAndLeaveForeignServersAlone() {
        RealSites real = RealSites.get();
        String region = real.regions().get(1);
        real.ensureMember("ops", "bob", "bob-pw-1");
        Map<String, String> siteAdmin = real.asAdmin();
        WireClient siteNova = real.endpoint(region, "compute");
        Foreign foreign = makeForeignServer(real, region, siteAdmin);
        lap("a foreign server named and marked like a copy, ACTIVE in " + region);

        try (TopLayer cascadia = TopLayer.start(TopConfig.from(real.cascadiaInFront("1100000-1199999")
                .with("sites.probe-interval", "1s")
                .with("sites.request-timeout", "10s"), dataDir))) {
            WireClient top = new WireClient(cascadia.publicUrl());
            Map<String, String> bob = real.token("bob", "bob-pw-1", "ops");
            Map<String, String> admin = real.asAdmin();
            lap("Cascadia started in front of both regions");

            String network = ok(top.send("POST", "/networking/v2.0/networks", bob, "{\"network\": {\"name\": \"ops-net\"}}"))
                    .at("/network/id").asText();
            String subnet = ok(top.send("POST", "/networking/v2.0/subnets", bob, """
                    {"subnet": {"name": "ops-sub", "network_id": "%s", "ip_version": 4, "cidr": "10.81.0.0/24"}}"""
                    .formatted(network))).at("/subnet/id").asText();
            String flavor = ok(top.send("POST", "/compute/v2.1/flavors", admin,
                    "{\"flavor\": {\"name\": \"ops.tiny\", \"ram\": 64, \"vcpus\": 1, \"disk\": 1}}")).at("/flavor/id").asText();
            String image = ok(top.send("POST", "/image/v2/images", admin,
                    "{\"name\": \"ops-img\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"public\"}"))
                    .path("id").asText();
            assertThat(top.send("PUT", "/image/v2/images/" + image + "/file", admin, new byte[2048], "application/octet-stream")
                    .status()).isEqualTo(204);
            // Named anew each run: a run that failed midway leaves its copy, and Nova refuses a second of one name.
            String keypair = "ops-key-" + UUID.randomUUID().toString().substring(0, 8);
            ok(top.send("POST", "/compute/v2.1/os-keypairs", bob, "{\"keypair\": {\"name\": \"" + keypair + "\"}}"));
            String first = createServer(top, bob, "ops-a", flavor, image, network, ", \"key_name\": \"" + keypair + "\"");
            awaitStatus(top, bob, first, "ACTIVE", BUILD);
            JsonNode copy = copyOf(siteNova, siteAdmin, "ops-a@" + first);
            assertThat(copy.path("key_name").asText()).as("the keypair's copy").startsWith(keypair + "_");
            lap("a server with a keypair ACTIVE in " + region);

            action(top, bob, first, "{\"os-stop\": null}");
            awaitStatus(top, bob, first, "SHUTOFF", BUILD);
            assertThat(copyOf(siteNova, siteAdmin, "ops-a@" + first).path("status").asText()).isEqualTo("SHUTOFF");
            action(top, bob, first, "{\"os-start\": null}");
            awaitStatus(top, bob, first, "ACTIVE", BUILD);
            action(top, bob, first, "{\"reboot\": {\"type\": \"SOFT\"}}");
            await(() -> "ACTIVE".equals(server(top, bob, first).path("status").asText())
                            && server(top, bob, first).path("OS-EXT-STS:task_state").isNull()
                            && "ACTIVE".equals(copyOf(siteNova, siteAdmin, "ops-a@" + first).path("status").asText()),
                    BUILD, () -> "the reboot never settled: " + server(top, bob, first));
            lap("stop, start and reboot through the top");

            String copyId = copy.path("id").asText();
            assertThat(siteNova.send("POST", "/servers/" + copyId + "/action", siteAdmin, "{\"os-stop\": null}").status())
                    .isEqualTo(202);
            awaitStatus(top, bob, first, "SHUTOFF", BUILD);
            lap("a stop made in the region itself pulled back to the top");

            real.pause(region);
            try {
                await(() -> "degraded".equals(siteState(top, admin, region)), Duration.ofSeconds(60),
                        () -> region + " never degraded while its APIs did not answer");
                lap(region + " degraded once its APIs stopped answering");
                assertThat(server(top, bob, first).path("status").asText()).as("its last known status").isEqualTo("SHUTOFF");
                String waiting = createServer(top, bob, "ops-b", flavor, image, network, "");
                action(top, bob, first, "{\"os-start\": null}");
                sleep(Duration.ofSeconds(3));
                assertThat(server(top, bob, waiting).path("status").asText()).as("a build waits for its site").isEqualTo("BUILD");
                assertThat(server(top, bob, first).path("status").asText()).isEqualTo("SHUTOFF");
                real.resume(region);
                lap(region + " away with a build and a start waiting for it");
                await(() -> "up".equals(siteState(top, admin, region)), Duration.ofSeconds(60), () -> region + " never came back");
                awaitStatus(top, bob, waiting, "ACTIVE", BUILD);
                awaitStatus(top, bob, first, "ACTIVE", BUILD);
                lap("the waiting build and start done once " + region + " answered again");

                String lostCopy = copyOf(siteNova, siteAdmin, "ops-b@" + waiting).path("id").asText();
                assertThat(siteNova.send("DELETE", "/servers/" + lostCopy, siteAdmin, null).status()).isEqualTo(204);
                await(() -> "ERROR".equals(server(top, bob, waiting).path("status").asText()), Duration.ofSeconds(60),
                        () -> "a copy deleted in the region never showed at the top: " + server(top, bob, waiting));
                assertThat(server(top, bob, waiting).at("/fault/message").asText())
                        .as("deleted there (changes-since) or missing there (full resync), whichever poll sees it first")
                        .contains("copy in site " + region);
                lap("a copy deleted in the region seen gone by the status pull");

                List<String> ports = new ArrayList<>();
                for (String id : List.of(first, waiting)) {
                    ok(top.get("/networking/v2.0/ports?device_id=" + id, bob)).path("ports")
                            .forEach(port -> ports.add(port.path("id").asText()));
                }
                assertThat(ports).as("one port of each server").hasSize(2);
                for (String id : List.of(first, waiting)) {
                    assertThat(top.send("DELETE", "/compute/v2.1/servers/" + id, bob, null).status()).isEqualTo(204);
                }
                for (String id : List.of(first, waiting)) {
                    await(() -> top.get("/compute/v2.1/servers/" + id, bob).status() == 404, BUILD,
                            () -> "server " + id + " was never deleted");
                }
                assertThat(top.send("DELETE", "/compute/v2.1/os-keypairs/" + keypair, bob, null).status()).isEqualTo(202);
                ok(top.send("DELETE", "/networking/v2.0/networks/" + network, bob, null));
                List<String> topIds = new ArrayList<>(List.of(first, waiting, network, subnet));
                topIds.addAll(ports);
                await(() -> real.copiesLeft(region, siteAdmin, topIds).isEmpty()
                                && real.serviceUsersKeypairs(region, siteAdmin).stream().noneMatch(k -> k.startsWith(keypair + "_")),
                        BUILD, () -> "copies of Cascadia's left in " + region + ": " + real.copiesLeft(region, siteAdmin, topIds)
                                + ", keypairs " + real.serviceUsersKeypairs(region, siteAdmin));
                lap("servers, keypair and network deleted; nothing of Cascadia's left in " + region);
            } finally {
                real.resume(region);
            }
            ok(top.send("DELETE", "/image/v2/images/" + image, admin, null));
            ok(top.send("DELETE", "/compute/v2.1/flavors/" + flavor, admin, null));
        }
        JsonNode kept = ok(siteNova.get("/servers/" + foreign.server(), siteAdmin)).path("server");
        assertThat(kept.path("name").asText()).isEqualTo(foreign.name());
        assertThat(kept.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(real.endpoint(region, "network").get("/v2.0/networks/" + foreign.network(), siteAdmin).status()).isEqualTo(200);
        assertThat(real.endpoint(region, "image").get("/v2/images/" + foreign.image(), siteAdmin).json().path("status").asText())
                .isEqualTo("active");
        timings.forEach((step, millis) -> System.out.printf("real sites, operations: %-70s %6d ms%n", step, millis));
    }

    /** A server made straight in the region, in project ops, named and marked as a copy of a top server would be. */
    private record Foreign(String name, String server, String network, String image) {
    }

    private static Foreign makeForeignServer(RealSites real, String region, Map<String, String> siteAdmin) {
        Map<String, String> bob = real.token("bob", "bob-pw-1", "ops");
        WireClient neutron = real.endpoint(region, "network");
        WireClient nova = real.endpoint(region, "compute");
        String id = UUID.randomUUID().toString();
        String network = ok(neutron.send("POST", "/v2.0/networks", bob, "{\"network\": {\"name\": \"x@" + id + "\"}}"))
                .at("/network/id").asText();
        ok(neutron.send("POST", "/v2.0/subnets", bob, """
                {"subnet": {"network_id": "%s", "ip_version": 4, "cidr": "10.82.0.0/24"}}""".formatted(network)));
        String flavor = "foreign-" + id.substring(0, 8);
        ok(nova.send("POST", "/flavors", siteAdmin, """
                {"flavor": {"name": "%s", "id": "%s", "ram": 64, "vcpus": 1, "disk": 1}}""".formatted(flavor, flavor)));
        WireClient glance = real.endpoint(region, "image");
        String image = ok(glance.send("POST", "/v2/images", siteAdmin,
                "{\"name\": \"x@" + id + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"public\"}"))
                .path("id").asText();
        assertThat(glance.send("PUT", "/v2/images/" + image + "/file", siteAdmin, new byte[1024], "application/octet-stream")
                .status()).isEqualTo(204);
        String name = "x@" + id;
        String server = ok(nova.send("POST", "/servers", bob, """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                 "metadata": {"cascadia_top_id": "%s"}}}""".formatted(name, flavor, image, network, id))).at("/server/id").asText();
        await(() -> "ACTIVE".equals(nova.get("/servers/" + server, bob).json().at("/server/status").asText()), BUILD,
                () -> "the foreign server never became ACTIVE: " + nova.get("/servers/" + server, bob).text());
        return new Foreign(name, server, network, image);
    }

    private static String createServer(WireClient top, Map<String, String> user, String name, String flavor, String image,
                                       String network, String extra) {
        return ok(top.send("POST", "/compute/v2.1/servers", user, """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                 "availability_zone": "%s"%s}}""".formatted(name, flavor, image, network, ZONE, extra))).at("/server/id").asText();
    }

    private static JsonNode server(WireClient top, Map<String, String> user, String id) {
        return top.get("/compute/v2.1/servers/" + id, user).json().path("server");
    }

    private static void awaitStatus(WireClient top, Map<String, String> user, String id, String status, Duration timeout) {
        await(() -> status.equals(server(top, user, id).path("status").asText()), timeout,
                () -> "server " + id + " did not become " + status + ": " + server(top, user, id));
    }

    private static void action(WireClient top, Map<String, String> user, String id, String body) {
        WireClient.Answer answer = top.send("POST", "/compute/v2.1/servers/" + id + "/action", user, body);
        assertThat(answer.status()).as("%s: %s", body, answer.text()).isEqualTo(202);
    }

    private static String siteState(WireClient top, Map<String, String> admin, String region) {
        return top.get("/cascadia/v1/sites/" + region, admin).json().at("/site/state").asText();
    }

    /** The region's server of that name, of any project, as the region itself lists it. */
    private static JsonNode copyOf(WireClient nova, Map<String, String> admin, String name) {
        JsonNode servers = ok(nova.get("/servers/detail?all_tenants=1", admin)).path("servers");
        for (JsonNode server : servers) {
            if (name.equals(server.path("name").asText())) {
                return server;
            }
        }
        throw new AssertionError("no server " + name + " in the region among " + servers);
    }

    private void lap(String step) {
        long now = System.nanoTime();
        timings.put(step, (now - lapStarted) / 1_000_000);
        lapStarted = now;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
