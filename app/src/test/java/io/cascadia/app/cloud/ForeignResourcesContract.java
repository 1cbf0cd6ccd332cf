package io.cascadia.app.cloud;

import static io.cascadia.app.cloud.TestCloud.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.app.Settings;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sites hold workloads Cascadia did not make (DESIGN §2, Ownership). Servers, volumes, networks and ports made
 * straight in a site, named like copies ({@code x@y}, {@code x@<random uuid>}, {@code x@<a real top id>}), some
 * even with a matching {@code cascadia_top_id}, in Cascadia's project or another, survive full resyncs, remote-port
 * sweeps and the deletion of everything Cascadia made next to them, unchanged.
 */
abstract class ForeignResourcesContract {
    private static final String NOVA_VERSION = "compute 2.79";

    @TempDir
    Path dataDir;

    /** The top's settings for the database under test. */
    abstract Settings settings();

    /** One foreign resource: where and as whom to read it in the site, and its name and mark as made. */
    private record Foreign(String path, Map<String, String> reader, String key, String name, String mark) {
    }

    @Test
    void foreignLookalikesSurviveFullResyncsAndTheDeletionOfCascadiasOwnCopies() {
        try (TestCloud cloud = TestCloud.start(dataDir, 1, FaultPoints.NONE, Duration.ofMillis(300), settings())) {
            Map<String, String> demo = cloud.asDemo();
            Map<String, String> eve = cloud.asMemberOf("other", "eve", "eve-pw-1");
            TestCloud.Basics basics = cloud.basics("own", "10.70.0.0/24");
            String server = cloud.createServer("own", basics, "az1");
            String volume = cloud.createVolume("own-vol", 1, "az1");
            cloud.awaitServer(server, "ACTIVE", Duration.ofSeconds(30));
            cloud.awaitVolume(volume, "available", Duration.ofSeconds(30));
            String port = ok(cloud.client().get("/networking/v2.0/ports?device_id=" + server, demo)).at("/ports/0/id").asText();
            String networkCopy = copyNamed(cloud.bottom(1, "network"), basics.network());

            WireClient site = cloud.siteClient(1);
            String random = UUID.randomUUID().toString();
            List<Foreign> foreign = new ArrayList<>();
            // Servers: the reproduced case (web@prod, no metadata), a real top id without the mark, marks that agree
            // with the name but name no server of that project.
            foreign.add(siteServer(site, demo, "web@prod", null));
            foreign.add(siteServer(site, demo, "x@" + server, null));
            foreign.add(siteServer(site, demo, "x@" + random, random));
            foreign.add(siteServer(site, eve, "x@" + server, server));
            foreign.add(siteServer(site, eve, "x@y", "y"));
            // Volumes, likewise.
            foreign.add(siteVolume(cloud, site, demo, "x@y", null));
            foreign.add(siteVolume(cloud, site, demo, "x@" + volume, null));
            foreign.add(siteVolume(cloud, site, demo, "x@" + random, random));
            foreign.add(siteVolume(cloud, site, eve, "x@" + volume, volume));
            // Networks, tagged as copies would be.
            foreign.add(siteNetwork(site, demo, "x@y", null));
            foreign.add(siteNetwork(site, demo, "x@" + random, random));
            foreign.add(siteNetwork(site, eve, "x@" + basics.network(), basics.network()));
            // Ports on Cascadia's own network copy, with the remote ports' device owner: one of another project
            // marked exactly as Cascadia marks the remote copy of the server's real port.
            foreign.add(sitePort(cloud, site, networkCopy, cloud.projectOf(demo), "x@y", null));
            foreign.add(sitePort(cloud, site, networkCopy, cloud.projectOf(demo), "x@" + random, null));
            foreign.add(sitePort(cloud, site, networkCopy, cloud.projectOf(eve), "x@" + port, port));

            awaitFullResyncs(cloud, 3);
            assertUnchanged(site, foreign);
            assertThat(cloud.bottomServers(1)).filteredOn(s -> s.path("name").asText().equals("own@" + server)).hasSize(1);
            assertThat(cloud.top().cascade().pollers().fullResyncs("site1")).isGreaterThanOrEqualTo(3);

            assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + server, demo, null).status()).isEqualTo(204);
            assertThat(cloud.client().send("DELETE", cloud.demoVolumes() + "/" + volume, demo, null).status()).isEqualTo(202);
            TestCloud.await(() -> cloud.client().get("/compute/v2.1/servers/" + server, demo).status() == 404
                            && cloud.client().get(cloud.demoVolumes() + "/" + volume, demo).status() == 404,
                    Duration.ofSeconds(30), () -> "the server or volume is still at the top");
            TestCloud.await(() -> cloud.bottomServers(1).stream().noneMatch(s -> s.path("name").asText().equals("own@" + server))
                            && cloud.bottomVolumes(1).stream().noneMatch(v -> v.path("name").asText().equals("own-vol@" + volume)),
                    Duration.ofSeconds(30), () -> "Cascadia's own copies are still in the site");
            awaitFullResyncs(cloud, 2);
            assertUnchanged(site, foreign);
        }
    }

    private static String copyNamed(List<JsonNode> items, String topId) {
        return items.stream().filter(i -> i.path("name").asText().endsWith("@" + topId)).findFirst()
                .orElseThrow(() -> new AssertionError("no copy of " + topId + " in " + items)).path("id").asText();
    }

    private static Foreign siteServer(WireClient site, Map<String, String> caller, String name, String mark) {
        String metadata = mark == null ? "" : ", \"metadata\": {\"cascadia_top_id\": \"" + mark + "\"}";
        JsonNode flavors = ok(site.get("/compute/v2.1/flavors", caller));
        JsonNode images = ok(site.get("/image/v2/images", caller));
        String id = ok(site.send("POST", "/compute/v2.1/servers", withNova(caller), """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": "none"%s}}"""
                .formatted(name, flavors.at("/flavors/0/id").asText(), images.at("/images/0/id").asText(), metadata)))
                .at("/server/id").asText();
        return new Foreign("/compute/v2.1/servers/" + id, caller, "server", name, mark);
    }

    private static Foreign siteVolume(TestCloud cloud, WireClient site, Map<String, String> caller, String name, String mark) {
        String metadata = mark == null ? "" : ", \"metadata\": {\"cascadia_top_id\": \"" + mark + "\"}";
        String volumes = "/volume/v3/" + cloud.projectOf(caller) + "/volumes";
        String id = ok(site.send("POST", volumes, caller, """
                {"volume": {"name": "%s", "size": 1%s}}""".formatted(name, metadata))).at("/volume/id").asText();
        return new Foreign(volumes + "/" + id, caller, "volume", name, mark);
    }

    private static Foreign siteNetwork(WireClient site, Map<String, String> caller, String name, String mark) {
        String id = ok(site.send("POST", "/networking/v2.0/networks", caller,
                "{\"network\": {\"name\": \"" + name + "\"}}")).at("/network/id").asText();
        if (mark != null) {
            assertThat(site.send("PUT", "/networking/v2.0/networks/" + id + "/tags/cascadia_top_id=" + mark, caller, null)
                    .status()).isEqualTo(201);
        }
        return new Foreign("/networking/v2.0/networks/" + id, caller, "network", name, mark);
    }

    private static Foreign sitePort(TestCloud cloud, WireClient site, String network, String project, String name, String mark) {
        String profile = mark == null ? "{}" : "{\"cascadia_top_id\": \"" + mark + "\", \"tunnel_ip\": \"100.64.9.9\"}";
        String id = ok(site.send("POST", "/networking/v2.0/ports", cloud.asAdmin(), """
                {"port": {"name": "%s", "network_id": "%s", "project_id": "%s", "device_owner": "compute:shadow",
                 "fixed_ips": [], "binding:host_id": "elsewhere", "binding:profile": %s}}"""
                .formatted(name, network, project, profile))).at("/port/id").asText();
        return new Foreign("/networking/v2.0/ports/" + id, cloud.asAdmin(), "port", name, mark);
    }

    private static Map<String, String> withNova(Map<String, String> caller) {
        Map<String, String> headers = new HashMap<>(caller);
        headers.put("OpenStack-API-Version", NOVA_VERSION);
        return headers;
    }

    private static void awaitFullResyncs(TestCloud cloud, int more) {
        int target = cloud.top().cascade().pollers().fullResyncs("site1") + more;
        TestCloud.await(() -> cloud.top().cascade().pollers().fullResyncs("site1") >= target, Duration.ofSeconds(30),
                () -> "fewer than " + more + " full resyncs");
        // the remote-port sweeps the last resync asked for have run once the job queue is idle again
        TestCloud.await(() -> Stream.of("pending", "running").allMatch(state -> ok(cloud.client()
                        .get("/cascadia/v1/jobs?state=" + state, cloud.asAdmin())).path("jobs").isEmpty()),
                Duration.ofSeconds(30), () -> "jobs still pending");
    }

    private static void assertUnchanged(WireClient site, List<Foreign> foreign) {
        for (Foreign made : foreign) {
            WireClient.Answer answer = site.get(made.path(), made.reader());
            assertThat(answer.status()).as("%s %s", made.key(), made.name()).isEqualTo(200);
            JsonNode body = answer.json().path(made.key());
            assertThat(body.path("name").asText()).as("name of %s", made.path()).isEqualTo(made.name());
            if (made.key().equals("server") || made.key().equals("volume")) {
                assertThat(body.path("metadata").path("cascadia_top_id").asText(null)).as("mark of %s", made.path())
                        .isEqualTo(made.mark());
            }
            if (made.key().equals("port")) {
                assertThat(body.path("binding:host_id").asText()).as("binding of %s", made.path()).isEqualTo("elsewhere");
            }
        }
    }
}
