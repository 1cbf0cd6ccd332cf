package io.cascadia.bench.toplist;

import io.cascadia.app.Settings;
import io.cascadia.app.TopConfig;
import io.cascadia.app.TopLayer;
import io.cascadia.bench.BenchReport;
import io.cascadia.bench.DatabaseOptions;
import io.cascadia.bench.Percentiles;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.User;
import io.cascadia.core.json.Json;
import io.cascadia.store.DatabaseConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cascadia bench top-list}: loads servers into a top database (H2 by default, PostgreSQL with
 * {@code --db-url}), starts the top layer over it, and measures {@code GET /servers/detail?limit=1000} and filtered
 * lists over HTTP as one client sees them: p50 and p99 of each, against a 50 ms p99 target.
 */
@Command(name = "top-list", mixinStandardHelpOptions = true,
        description = "Server list latency of the top API over a database holding many servers.")
public final class TopListBench implements Callable<Integer> {
    private static final String TARGET = "p99 < 50 ms";

    @Option(names = "--servers", defaultValue = "1000000", description = "servers to load (default: ${DEFAULT-VALUE})")
    int servers;

    @Option(names = "--requests", defaultValue = "300", description = "measured requests per list (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--warmup", defaultValue = "100", description = "unmeasured requests per list first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--baseline-servers", defaultValue = "10000",
            description = "servers in the emulated site the lists are compared with (default: ${DEFAULT-VALUE})")
    int baselineServers;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("cascadia-bench-top-list-");
        // H2 would answer a repeated identical query from its result cache while nothing writes; a live top is written
        // to all the time, so the cache is off to measure real reads
        Settings settings = database.applyTo(Settings.empty()
                .with("server.port", 0)
                .with("identity.admin-password", "bench-admin-" + System.nanoTime()),
                DatabaseConfig.embeddedUrl(dataDir.resolve("db")) + ";QUERY_CACHE_SIZE=0");
        try (TopLayer top = TopLayer.start(TopConfig.from(settings, dataDir))) {
            String engine = top.database().config().isPostgres() ? "postgresql" : "h2";
            Project project = top.identity().ensureProject("bench", "");
            User user = top.identity().ensureUser("bench", "bench-password", project);
            top.identity().grantOnProject(user, project, Role.MEMBER);
            TopClient client = new TopClient(top.publicUrl());
            client.login("bench", "bench-password", "bench");
            String admin = client.token("admin", settings.string("identity.admin-password", ""), "admin");
            BenchFixture fixture = BenchFixture.create(client, admin);

            long loadStart = System.nanoTime();
            ServerLoader.Loaded loaded = new ServerLoader(top.database().jdbi()).load(project.id(), user.id(), fixture.networkId(),
                    fixture.subnetId(), fixture.flavorId(), fixture.imageId(), servers,
                    done -> {
                        if (done % 100_000 == 0 || done == servers) {
                            System.out.printf("loaded %,d servers%n", done);
                        }
                    });
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            analyze(top);

            Instant recent = loaded.lastCreated().minusSeconds(2_000);
            Map<String, String> lists = new LinkedHashMap<>();
            lists.put("detail limit=1000", "limit=1000");
            lists.put("detail status=ERROR", "limit=1000&status=ERROR");
            lists.put("detail availability_zone=az2", "limit=1000&availability_zone=az2");
            // a tenth of the names end in 7, spread evenly over time; a regex cannot use an index, so the list reads the
            // newest servers until it has a page of matches
            lists.put("detail name regex 7$", "limit=1000&name=7%24");
            lists.put("detail changes-since (last 2000 s)", "limit=1000&changes-since=" + recent);
            lists.put("detail status+zone+name", "limit=1000&status=ACTIVE&availability_zone=az3&name=%5Eserver-");

            BenchReport report = new BenchReport("top-list")
                    .parameter("engine", engine)
                    .parameter("servers", servers)
                    .parameter("requests", requests)
                    .parameter("load_seconds", Math.round(loadSeconds));
            SiteListBaseline baseline = SiteListBaseline.start(top.publicUrl() + "/v3", project.id(), user.id(), client,
                    baselineServers, requests);
            // every list is warmed up before any is measured, so the first one does not pay for JIT compilation
            for (int i = 0; i < warmup; i++) {
                for (String query : lists.values()) {
                    client.get("/compute/v2.1/servers/detail?" + query);
                }
            }
            for (Map.Entry<String, String> list : lists.entrySet()) {
                String path = "/compute/v2.1/servers/detail?" + list.getValue();
                int returned = client.count(path);
                double[] samples = new double[requests];
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    client.get(path);
                    samples[i] = (System.nanoTime() - t0) / 1e6;
                }
                Percentiles percentiles = new Percentiles(samples);
                double p99 = percentiles.at(99);
                report.row(list.getKey() + " p50 (" + returned + " servers)", percentiles.at(50), "ms");
                report.row(list.getKey() + " p99", p99, "ms", baseline.p99Millis(list.getValue()).orElse(null), TARGET, p99 < 50);
            }
            baseline.close();
            report.parameter("baseline", "the same list straight from one emulated site holding " + baselineServers + " servers");
            report.publish();
            return 0;
        } finally {
            deleteTree(dataDir);
        }
    }

    /** Fresh planner statistics after a bulk load, as an operator would have after autovacuum. */
    private static void analyze(TopLayer top) {
        top.database().jdbi().useHandle(h -> h.execute("analyze"));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The bench's HTTP client of the top API. */
    static final class TopClient {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private String token;

        TopClient(String base) {
            this.base = base;
        }

        /** A client of another API with the same caller's token (sites share the top's Keystone). */
        TopClient(String base, TopClient caller) {
            this.base = base;
            this.token = caller.token;
        }

        void login(String user, String password, String project) throws IOException, InterruptedException {
            token = token(user, password, project);
        }

        String token(String user, String password, String project) throws IOException, InterruptedException {
            String body = """
                    {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                     "domain": {"id": "default"}, "password": "%s"}}},
                     "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}}}""".formatted(user, password, project);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/auth/tokens"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.headers().firstValue("X-Subject-Token").orElseThrow(() ->
                    new IllegalStateException("login failed: " + response.statusCode() + " " + response.body()));
        }

        byte[] get(String path) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("X-Auth-Token", token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body()));
            }
            return response.body();
        }

        int count(String path) throws IOException, InterruptedException {
            return Json.mapper().readTree(get(path)).get("servers").size();
        }

        String send(String method, String path, String adminToken, String body) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("X-Auth-Token", adminToken == null ? token : adminToken)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }
}
