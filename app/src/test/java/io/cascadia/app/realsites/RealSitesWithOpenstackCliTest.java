package io.cascadia.app.realsites;

import static io.cascadia.app.cloud.TestCloud.await;
import static io.cascadia.app.cloud.TestCloud.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.app.TopConfig;
import io.cascadia.app.TopLayer;
import io.cascadia.testkit.OpenstackCli;
import java.nio.file.Files;
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
 * Issue 13's "done when" on two real OpenStack regions that share one Keystone: Cascadia runs in external identity
 * mode in front of them; the unmodified openstack CLI authenticates at the real Keystone and, through region
 * {@code Cascading}, makes a network, a subnet and a server in each region's zone that reach ACTIVE there as
 * {@code name@<top id>} with the top's IP and MAC, attaches a volume in its region, and deletes it all, leaving
 * nothing of Cascadia's in either region and every foreign resource as it was.
 */
@Tag("real-sites")
class RealSitesWithOpenstackCliTest {
    private static final String REGION = "Cascading";

    @TempDir
    Path dataDir;

    private final Map<String, Long> timings = new LinkedHashMap<>();

    @Test
    void theCliThroughCascadiaBuildsInBothRealRegionsAndLeavesNothingOfCascadiasBehind() throws Exception {
        RealSites real = RealSites.get();
        List<String> regions = real.regions();
        String first = regions.get(0);
        Path clouds = real.cloudsYaml(dataDir, List.of(
                List.of("top-admin", "admin", real.adminPassword(), "admin", REGION),
                List.of("tenant", "alice", "alice-pw-1", "tenant", REGION)), REGION);
        OpenstackCli cli = new OpenstackCli(clouds);
        long started = System.nanoTime();
        real.ensureMember("tenant", "alice", "alice-pw-1");
        Map<String, String> siteAdmin = real.asAdmin();
        Map<String, List<String>> foreign = new LinkedHashMap<>();
        for (String region : regions) {
            foreign.put(region, makeForeign(real, region, siteAdmin, real.token("alice", "alice-pw-1", "tenant")));
        }
        lap("foreign resources made in both regions", started);

        started = System.nanoTime();
        try (TopLayer top = TopLayer.start(TopConfig.from(real.cascadiaInFront("1200000-1299999")
                .with("identity.region", REGION)
                .with("identity.register-endpoints", "true"), dataDir))) {
            lap("Cascadia started and registered its endpoints", started);

            started = System.nanoTime();
            Path imageFile = Files.write(dataDir.resolve("image.raw"), new byte[4096]);
            cli.run("top-admin", "flavor", "create", "--vcpus", "1", "--ram", "64", "--disk", "1", "m1.real").assertSucceeded();
            cli.run("top-admin", "image", "create", "--public", "--disk-format", "raw", "--container-format", "bare",
                    "--file", imageFile.toString(), "img.real").assertSucceeded();
            cli.run("tenant", "network", "create", "net1").assertSucceeded();
            cli.run("tenant", "subnet", "create", "--network", "net1", "--subnet-range", "10.80.0.0/24", "sub1").assertSucceeded();
            // Both created before either is waited for: the regions build them at the same time.
            Map<String, String> created = new LinkedHashMap<>();
            for (String zone : List.of("zone1", "zone2")) {
                created.put(zone, cli.json("tenant", "server", "create", "--availability-zone", zone, "--flavor", "m1.real",
                        "--image", "img.real", "--network", "net1", "vm-" + zone).path("id").asText());
            }
            Map<String, JsonNode> servers = new LinkedHashMap<>();
            for (Map.Entry<String, String> zoneAndId : created.entrySet()) {
                await(() -> List.of("ACTIVE", "ERROR").contains(field(cli, "tenant", "server", "show", zoneAndId.getValue(), "status")),
                        Duration.ofSeconds(180), () -> "server vm-" + zoneAndId.getKey() + " still building");
                JsonNode server = cli.json("tenant", "server", "show", zoneAndId.getValue());
                assertThat(server.path("status").asText()).as("%s", server).isEqualTo("ACTIVE");
                assertThat(server.path("OS-EXT-AZ:availability_zone").asText()).isEqualTo(zoneAndId.getKey());
                servers.put(zoneAndId.getKey(), server);
            }
            lap("two servers ACTIVE, one in each region", started);

            List<String> topIds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String region = regions.get(i);
                JsonNode server = servers.get("zone" + (i + 1));
                String id = server.path("id").asText();
                JsonNode port = cli.json("tenant", "port", "list", "--server", id).get(0);
                topIds.add(id);
                topIds.add(port.path("ID").asText());
                JsonNode copies = real.endpoint(region, "compute").get("/servers/detail?all_tenants=1", siteAdmin).json()
                        .path("servers");
                JsonNode copy = find(copies, "name", "vm-zone" + (i + 1) + "@" + id);
                assertThat(copy).as("the copy of %s in %s among %s", id, region, copies).isNotNull();
                assertThat(copy.path("status").asText()).isEqualTo("ACTIVE");
                JsonNode bottomPort = real.endpoint(region, "network")
                        .get("/v2.0/ports?device_id=" + copy.path("id").asText(), siteAdmin).json().at("/ports/0");
                assertThat(bottomPort.path("mac_address").asText()).isEqualTo(port.path("MAC Address").asText());
                assertThat(bottomPort.at("/fixed_ips/0/ip_address").asText())
                        .isEqualTo(port.path("Fixed IP Addresses").get(0).path("ip_address").asText());
            }

            started = System.nanoTime();
            String volume = cli.json("tenant", "volume", "create", "--availability-zone", "zone1", "--size", "1", "vol1")
                    .path("id").asText();
            await(() -> "available".equals(field(cli, "tenant", "volume", "show", volume, "status")), Duration.ofSeconds(90),
                    () -> "volume available");
            cli.run("tenant", "server", "add", "volume", "vm-zone1", "vol1").assertSucceeded();
            await(() -> "in-use".equals(field(cli, "tenant", "volume", "show", volume, "status")), Duration.ofSeconds(90),
                    () -> "volume in-use");
            JsonNode bottomVolumes = real.endpoint(first, "volumev3", real.projectId("admin"))
                    .get("/volumes/detail?all_tenants=1", siteAdmin).json().path("volumes");
            JsonNode bottomVolume = find(bottomVolumes, "name", "vol1@" + volume);
            assertThat(bottomVolume).as("the copy of the volume in %s among %s", first, bottomVolumes).isNotNull();
            assertThat(bottomVolume.path("status").asText()).isEqualTo("in-use");
            cli.run("tenant", "server", "remove", "volume", "vm-zone1", "vol1").assertSucceeded();
            await(() -> "available".equals(field(cli, "tenant", "volume", "show", volume, "status")), Duration.ofSeconds(90),
                    () -> "volume detached");
            lap("volume created, attached and detached in its region", started);

            started = System.nanoTime();
            topIds.add(volume);
            topIds.add(field(cli, "top-admin", "image", "show", "img.real", "id"));
            topIds.add(field(cli, "top-admin", "flavor", "show", "m1.real", "id"));
            cli.run("tenant", "server", "delete", "--wait", "vm-zone1", "vm-zone2").assertSucceeded();
            cli.run("tenant", "volume", "delete", "vol1").assertSucceeded();
            await(() -> !cli.run("tenant", "volume", "show", volume).stdout().contains(volume), Duration.ofSeconds(90),
                    () -> "volume deleted");
            topIds.add(field(cli, "tenant", "network", "show", "net1", "id"));
            topIds.add(field(cli, "tenant", "subnet", "show", "sub1", "id"));
            cli.run("tenant", "subnet", "delete", "sub1").assertSucceeded();
            cli.run("tenant", "network", "delete", "net1").assertSucceeded();
            cli.run("top-admin", "image", "delete", "img.real").assertSucceeded();
            cli.run("top-admin", "flavor", "delete", "m1.real").assertSucceeded();
            for (String region : regions) {
                await(() -> real.copiesLeft(region, siteAdmin, topIds).isEmpty(), Duration.ofSeconds(90),
                        () -> "Cascadia's copies left in " + region + ": " + real.copiesLeft(region, siteAdmin, topIds));
            }
            lap("everything deleted; nothing of Cascadia's left in either region", started);
        }
        String adminProject = real.projectId("admin");
        for (String region : regions) {
            for (String path : foreign.get(region)) {
                String[] service = path.split(" ", 2);
                assertThat(real.endpoint(region, service[0], adminProject).get(service[1], siteAdmin).status())
                        .as("foreign %s in %s", path, region).isEqualTo(200);
            }
        }
        timings.forEach((step, millis) -> System.out.printf("real sites: %-60s %6d ms%n", step, millis));
    }

    /** Resources made straight in a region, some named like Cascadia's copies; returns "service-type path" of each. */
    private static List<String> makeForeign(RealSites real, String region, Map<String, String> admin, Map<String, String> tenant) {
        List<String> made = new ArrayList<>();
        String random = UUID.randomUUID().toString();
        String project = real.projectId("tenant");
        for (String name : List.of("x@y", "x@" + random)) {
            String network = ok(real.endpoint(region, "network").send("POST", "/v2.0/networks", admin, """
                    {"network": {"name": "%s", "project_id": "%s"}}""".formatted(name, project))).at("/network/id").asText();
            assertThat(real.endpoint(region, "network").send("PUT", "/v2.0/networks/" + network + "/tags/cascadia_top_id=" + random,
                    admin, null).status()).isEqualTo(201);
            made.add("network /v2.0/networks/" + network);
        }
        String volume = ok(real.endpoint(region, "volumev3", project).send("POST", "/volumes", tenant, """
                {"volume": {"name": "x@%s", "size": 1, "metadata": {"cascadia_top_id": "%s"}}}""".formatted(random, random)))
                .at("/volume/id").asText();
        made.add("volumev3 /volumes/" + volume);
        return made;
    }

    private void lap(String step, long startedNanos) {
        timings.put(step, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private static JsonNode find(JsonNode rows, String column, String value) {
        for (JsonNode row : rows) {
            if (value.equals(row.path(column).asText())) {
                return row;
            }
        }
        return null;
    }

    private static String field(OpenstackCli cli, String cloud, String... args) {
        String[] withField = new String[args.length + 3];
        System.arraycopy(args, 0, withField, 0, args.length - 1);
        withField[args.length - 1] = "-f";
        withField[args.length] = "value";
        withField[args.length + 1] = "-c";
        withField[args.length + 2] = args[args.length - 1];
        return cli.run(cloud, withField).stdout().strip();
    }
}
