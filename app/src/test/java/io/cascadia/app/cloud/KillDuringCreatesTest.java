package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import io.cascadia.testkit.WireClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cascadia runs as its own process; it is killed with SIGKILL while 100 server creates are in flight, and started
 * again on the same database. Every server the API accepted ends ACTIVE, exactly once, and no site keeps a copy of
 * a server the top does not have.
 */
class KillDuringCreatesTest {
    private static final int SERVERS = 100;

    @TempDir
    Path dataDir;
    private final List<EmulatedSite> sites = new ArrayList<>();
    private Process cascadia;

    @AfterEach
    void stop() {
        if (cascadia != null) {
            cascadia.destroyForcibly();
        }
        sites.forEach(EmulatedSite::close);
    }

    @Test
    void everyAcceptedServerEndsActiveExactlyOnceAfterAKillNineAndARestart() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        for (int n = 1; n <= 2; n++) {
            sites.add(EmulatedSite.start(SiteConfig.of("site" + n, url + "/v3").withAvailabilityZones(List.of("az" + n))
                    .withTunnelSubnet("100.64." + n + ".0/24").withBuildLatency(Duration.ofMillis(300))));
        }
        Path config = dataDir.resolve("cascadia.properties");
        Files.writeString(config, """
                server.port=%d
                identity.admin-password=%s
                identity.password-hash-rounds=1000
                sites.service-password=service-pw-1
                sites.probe-interval=300ms
                poll.interval=100ms
                poll.full-resync=2s
                poll.orphan-grace=1s
                jobs.lease=2s
                jobs.backoff=200ms
                jobs.max-backoff=1s
                jobs.copy-claim-lease=2s
                """.formatted(port, TestCloud.ADMIN_PASSWORD));
        cascadia = startCascadia(config);
        WireClient client = new WireClient(url);
        TestCloud.await(() -> healthy(client), Duration.ofSeconds(60), () -> "cascadia did not start");
        Map<String, String> admin = Map.of("X-Auth-Token", token(client, "admin", TestCloud.ADMIN_PASSWORD, "admin"));
        registerSites(client, admin);
        TestCloud.Basics basics = basics(client, admin);
        String project = TestCloud.ok(client.get("/v3/auth/tokens", Map.of("X-Auth-Token", admin.get("X-Auth-Token"),
                "X-Subject-Token", admin.get("X-Auth-Token")))).at("/token/project/id").asText();
        TestCloud.ok(client.send("PUT", "/compute/v2.1/os-quota-sets/" + project, admin,
                "{\"quota_set\": {\"instances\": 500, \"cores\": 500, \"ram\": 1000000}}"));

        Set<String> accepted = Collections.synchronizedSet(new HashSet<>());
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch enoughAccepted = new CountDownLatch(SERVERS / 3);
        try (ExecutorService creators = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SERVERS; i++) {
                String name = "burst" + i;
                creators.submit(() -> {
                    try {
                        WireClient.Answer answer = client.send("POST", "/compute/v2.1/servers", admin, """
                                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}]}}"""
                                .formatted(name, basics.flavor(), basics.image(), basics.network()));
                        if (answer.status() == 202) {
                            accepted.add(answer.json().at("/server/id").asText());
                            enoughAccepted.countDown();
                        }
                        answered.incrementAndGet();
                    } catch (RuntimeException connectionLost) {
                        // the process died under this request: it may or may not have been committed
                    }
                });
            }
            assertThat(enoughAccepted.await(60, java.util.concurrent.TimeUnit.SECONDS))
                    .as("a third of the creates were accepted before the kill").isTrue();
            cascadia.destroyForcibly().waitFor();
        }
        assertThat(accepted).hasSizeLessThan(SERVERS);

        cascadia = startCascadia(config);
        TestCloud.await(() -> healthy(client), Duration.ofSeconds(60), () -> "cascadia did not restart");
        Map<String, String> again = Map.of("X-Auth-Token", token(client, "admin", TestCloud.ADMIN_PASSWORD, "admin"));

        TestCloud.await(() -> topServers(client, again).values().stream().allMatch("ACTIVE"::equals),
                Duration.ofSeconds(120), () -> "not all servers became ACTIVE: " + topServers(client, again));
        Map<String, String> top = topServers(client, again);
        assertThat(top.keySet()).containsAll(accepted);
        TestCloud.await(() -> copiesByTopId(client, again).keySet().equals(top.keySet()), Duration.ofSeconds(30),
                () -> "copies " + copiesByTopId(client, again).keySet() + " vs top " + top.keySet());
        copiesByTopId(client, again).forEach((topId, copies) -> assertThat(copies)
                .as("copies of " + topId + ": " + describeCopies(topId, again)).isEqualTo(1));
    }

    private Process startCascadia(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-Dcascadia.log.dir=" + dataDir.resolve("logs"),
                "-cp", System.getProperty("java.class.path"), "io.cascadia.app.Main", "serve",
                "--config", config.toString(), "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "kill-during-creates-cascadia.log").toFile()))
                .start();
    }

    private void registerSites(WireClient client, Map<String, String> admin) {
        Map<String, String> services = new HashMap<>();
        TestCloud.ok(client.get("/v3/services", admin)).path("services")
                .forEach(s -> services.put(s.path("type").asText(), s.path("id").asText()));
        for (EmulatedSite site : sites) {
            TestCloud.ok(client.send("POST", "/v3/regions", admin, "{\"region\": {\"id\": \"" + site.region() + "\"}}"));
            for (EmulatedSite.CatalogEndpoint endpoint : site.catalogEndpoints()) {
                TestCloud.ok(client.send("POST", "/v3/endpoints", admin, """
                        {"endpoint": {"service_id": "%s", "interface": "public", "region_id": "%s", "url": "%s"}}"""
                        .formatted(services.get(endpoint.type()), site.region(), endpoint.url())));
            }
            TestCloud.ok(client.send("POST", "/cascadia/v1/sites", admin, "{\"site\": {\"region\": \"" + site.region() + "\"}}"));
        }
    }

    private static TestCloud.Basics basics(WireClient client, Map<String, String> admin) {
        String network = TestCloud.ok(client.send("POST", "/networking/v2.0/networks", admin, "{\"network\": {\"name\": \"burst\"}}"))
                .at("/network/id").asText();
        TestCloud.ok(client.send("POST", "/networking/v2.0/subnets", admin, """
                {"subnet": {"network_id": "%s", "ip_version": 4, "cidr": "10.50.0.0/24"}}""".formatted(network)));
        String flavor = TestCloud.ok(client.send("POST", "/compute/v2.1/flavors", admin,
                "{\"flavor\": {\"name\": \"burst\", \"ram\": 128, \"vcpus\": 1, \"disk\": 1}}")).at("/flavor/id").asText();
        String image = TestCloud.ok(client.send("POST", "/image/v2/images", admin,
                "{\"name\": \"burst\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")).get("id").asText();
        client.send("PUT", "/image/v2/images/" + image + "/file", admin, "burst image".getBytes(), "application/octet-stream");
        return new TestCloud.Basics(network, flavor, image);
    }

    private static Map<String, String> topServers(WireClient client, Map<String, String> admin) {
        Map<String, String> servers = new HashMap<>();
        TestCloud.ok(client.get("/compute/v2.1/servers/detail?limit=1000", admin)).path("servers")
                .forEach(s -> servers.put(s.path("id").asText(), s.path("status").asText()));
        return servers;
    }

    /** How many copies each top server has across all sites, by the top id in the copy's name. */
    private Map<String, Integer> copiesByTopId(WireClient client, Map<String, String> admin) {
        Map<String, Integer> copies = new HashMap<>();
        for (EmulatedSite site : sites) {
            JsonNode servers = new WireClient(site.url()).get("/compute/v2.1/servers/detail?all_tenants=1&limit=1000", admin)
                    .json().path("servers");
            servers.forEach(s -> {
                String name = s.path("name").asText();
                copies.merge(name.substring(name.lastIndexOf('@') + 1), 1, Integer::sum);
            });
        }
        return copies;
    }

    private String describeCopies(String topId, Map<String, String> admin) {
        List<String> found = new ArrayList<>();
        for (EmulatedSite site : sites) {
            new WireClient(site.url()).get("/compute/v2.1/servers/detail?all_tenants=1&limit=1000", admin).json().path("servers")
                    .forEach(s -> {
                        if (s.path("name").asText().endsWith(topId)) {
                            found.add(site.region() + " " + s.path("id").asText() + " created " + s.path("created").asText());
                        }
                    });
        }
        return String.join("; ", found);
    }

    private static boolean healthy(WireClient client) {
        try {
            return client.get("/healthz", Map.of()).status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static String token(WireClient client, String user, String password, String project) {
        return client.send("POST", "/v3/auth/tokens", Map.of(), """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"id": "default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}}}""".formatted(user, password, project))
                .header("X-Subject-Token").orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
