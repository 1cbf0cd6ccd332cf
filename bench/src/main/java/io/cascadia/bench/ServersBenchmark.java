package io.cascadia.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.app.Settings;
import io.cascadia.app.TopConfig;
import io.cascadia.app.TopLayer;
import io.cascadia.core.time.Timestamps;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import io.cascadia.emulator.runtime.HostCapacity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cascadia bench servers}: N servers created through the top over 3 emulated sites, and N created straight
 * in the sites, with the same build latency; time to ACTIVE (request sent → ACTIVE seen by a watcher polling every
 * 50 ms) for both, and their ratio; the propagation delay (ACTIVE seen in the site → ACTIVE seen at the top); and
 * the cost of a delta poll with {@code --idle} idle servers in each site.
 */
@Command(name = "servers", mixinStandardHelpOptions = true,
        description = "Time-to-ACTIVE through the top vs straight to the sites; status propagation delay; poll cost.")
final class ServersBenchmark implements Callable<Integer> {
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final int SITES = 3;
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(50);

    @Option(names = "--servers", defaultValue = "1000", description = "Servers per run (default: ${DEFAULT-VALUE}).")
    int servers;

    @Option(names = "--build-latency", defaultValue = "10000",
            description = "Emulated build time, ms; a real boot takes 10 s or more (default: ${DEFAULT-VALUE}).")
    long buildLatencyMillis;

    @Option(names = "--concurrency", defaultValue = "50", description = "Creates in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--idle", defaultValue = "10000", description = "Idle servers per site for the poll-cost part (default: ${DEFAULT-VALUE}).")
    int idle;

    @Option(names = "--warmup", defaultValue = "200", description = "Servers sent both ways before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("cascadia-bench-servers-");
        List<EmulatedSite> sites = new ArrayList<>();
        try (TopLayer top = TopLayer.start(TopConfig.from(database.applyTo(Settings.empty()
                .with("server.port", 0)
                .with("identity.admin-password", ADMIN_PASSWORD)
                .with("identity.password-hash-rounds", 1000)
                .with("db.max-pool-size", 32), null), dataDir))) {
            BenchClient http = new BenchClient();
            BenchClient.Token admin = http.token(top.publicUrl(), "admin", ADMIN_PASSWORD, "admin");
            for (int n = 1; n <= SITES; n++) {
                EmulatedSite site = EmulatedSite.start(SiteConfig.of("site" + n, top.publicUrl() + "/v3")
                        .withAvailabilityZones(List.of("az" + n))
                        .withHosts(4)
                        .withCapacity(new HostCapacity(4096, 4_194_304, 65_536))
                        .withBuildLatency(Duration.ofMillis(buildLatencyMillis))
                        .withTunnelSubnet("100.64." + n + ".0/24"));
                sites.add(site);
                top.identity().ensureRegion(site.region(), "");
                for (EmulatedSite.CatalogEndpoint endpoint : site.catalogEndpoints()) {
                    top.identity().ensureEndpoint(site.region(), endpoint.type(), endpoint.name(), endpoint.url());
                }
                top.sites().add(site.region(), Map.of());
            }
            http.send("PUT", top.publicUrl() + "/compute/v2.1/os-quota-sets/" + admin.projectId(), admin,
                    "{\"quota_set\": {\"instances\": -1, \"cores\": -1, \"ram\": -1}}", 200);
            http.send("PUT", top.publicUrl() + "/networking/v2.0/quotas/" + admin.projectId(), admin,
                    "{\"quota\": {\"port\": -1}}", 200);
            TopResources resources = prepareTop(http, top.publicUrl(), admin);

            Map<String, String> siteNetworks = new ConcurrentHashMap<>();
            for (EmulatedSite site : sites) {
                siteNetworks.put(site.url(), prepareSite(http, site.url(), admin));
            }
            List<String> siteComputes = sites.stream().map(s -> s.url() + "/compute/v2.1").toList();
            String topCompute = top.publicUrl() + "/compute/v2.1";
            BiFunction<String, Integer, String> viaTop = (prefix, i) -> {
                int zone = i % SITES;
                String body = """
                        {"server": {"name": "%s-%d", "flavorRef": "bench", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                         "availability_zone": "az%d"}}""".formatted(prefix, i, resources.image(), resources.networks().get(zone), zone + 1);
                return http.send("POST", topCompute + "/servers", admin, body, 202).at("/server/id").asText();
            };
            // Straight to the sites, round robin, same build latency.
            BiFunction<String, Integer, String> direct = (prefix, i) -> {
                EmulatedSite site = sites.get(i % SITES);
                String body = """
                        {"server": {"name": "%s-%d", "flavorRef": "bench-direct", "imageRef": "%s", "networks": [{"uuid": "%s"}]}}"""
                        .formatted(prefix, i, site.compute().defaultImageId(), siteNetworks.get(site.url()));
                return http.send("POST", site.url() + "/compute/v2.1/servers", admin, body, 202).at("/server/id").asText();
            };

            // Both paths once before measuring, so neither is timed while the JIT compiles the code they share.
            if (warmup > 0) {
                awaitActive(http, admin, List.of(topCompute), create("warmup-top", warmup, i -> viaTop.apply("warm-top", i)));
                awaitActive(http, admin, siteComputes, create("warmup-direct", warmup, i -> direct.apply("warm-direct", i)));
            }

            // Through the top: POST to the top, ACTIVE as the top shows it, and as the sites show the copies.
            Watcher topWatch = new Watcher(http, admin, List.of(topCompute), false);
            Watcher bottomWatch = new Watcher(http, admin, siteComputes, true);
            Map<String, Long> topSent = create("top", servers, i -> viaTop.apply("top", i));
            topWatch.awaitAll(topSent.keySet(), Duration.ofMinutes(10));
            bottomWatch.stop();
            topWatch.stop();

            Watcher directWatch = new Watcher(http, admin, siteComputes, false);
            Map<String, Long> directSent = create("direct", servers, i -> direct.apply("direct", i));
            directWatch.awaitAll(directSent.keySet(), Duration.ofMinutes(10));
            directWatch.stop();

            Percentiles topActive = latencies(topSent, topWatch.activeAt());
            Percentiles directActive = latencies(directSent, directWatch.activeAt());
            Percentiles propagation = propagation(topSent.keySet(), bottomWatch, topWatch);

            // Poll cost: idle servers in every site, then what delta polls fetch.
            for (EmulatedSite site : sites) {
                String siteNetwork = siteNetworks.get(site.url());
                for (int done = 0; done < idle; done += 1000) {
                    site.compute().createServers(admin.projectId(), admin.userId(), "idle-" + done, "bench-direct", siteNetwork,
                            Math.min(1000, idle - done));
                }
            }
            // The idle servers finish building first, so the polls measured see no change at all.
            Thread.sleep(buildLatencyMillis + 3_000);
            int polls = 0;
            int maxItems = 0;
            long totalItems = 0;
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                Thread.sleep(250);
                int items = top.cascade().pollers().lastPollItems("site1");
                maxItems = Math.max(maxItems, items);
                totalItems += items;
                polls++;
            }
            long siteServers = sites.getFirst().compute().serverCount();

            BenchReport report = new BenchReport("servers")
                    .parameter("servers", servers)
                    .parameter("sites", SITES)
                    .parameter("build_latency_ms", buildLatencyMillis)
                    .parameter("concurrency", concurrency)
                    .parameter("warmup", warmup)
                    .parameter("watch_interval_ms", WATCH_INTERVAL.toMillis())
                    .row("time to ACTIVE via top p50", topActive.at(50), "ms", directActive.at(50), "ratio <= 1.10",
                            topActive.at(50) / directActive.at(50) <= 1.10)
                    .row("time to ACTIVE via top p99", topActive.at(99), "ms", directActive.at(99), "ratio <= 1.10",
                            topActive.at(99) / directActive.at(99) <= 1.10)
                    .row("create request answered, top p50", answers("top").at(50), "ms", answers("direct").at(50), null, null)
                    .row("create request answered, top p99", answers("top").at(99), "ms", answers("direct").at(99), null, null)
                    .row("time to ACTIVE direct p50", directActive.at(50), "ms")
                    .row("time to ACTIVE direct p99", directActive.at(99), "ms")
                    .row("status propagation site -> top p50", propagation.at(50), "ms")
                    .row("status propagation site -> top p99", propagation.at(99), "ms", null, "< 1000 ms", propagation.at(99) < 1000)
                    .row("servers in site1 during poll-cost part", siteServers, "count")
                    .row("items per delta poll of site1, mean", (double) totalItems / polls, "count", (double) siteServers,
                            "only changes", maxItems < siteServers / 100)
                    .row("items per delta poll of site1, max", maxItems, "count");
            report.publish();
            return 0;
        } finally {
            sites.forEach(EmulatedSite::close);
        }
    }

    /**
     * What servers at the top are made from: one network per zone, as the direct run has one per site, so both time
     * the same work (a network spanning sites adds remote ports, which {@code bench l2pop} measures).
     */
    private record TopResources(List<String> networks, String image) {
    }

    private static TopResources prepareTop(BenchClient http, String url, BenchClient.Token admin) {
        http.send("POST", url + "/compute/v2.1/flavors", admin,
                "{\"flavor\": {\"name\": \"bench\", \"id\": \"bench\", \"ram\": 64, \"vcpus\": 1, \"disk\": 1}}", 200);
        String image = http.send("POST", url + "/image/v2/images", admin,
                "{\"name\": \"bench\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"public\"}", 201)
                .get("id").asText();
        http.sendBytes("PUT", url + "/image/v2/images/" + image + "/file", admin, new byte[1024], "application/octet-stream", 204);
        List<String> networks = new ArrayList<>();
        for (int zone = 1; zone <= SITES; zone++) {
            String network = http.send("POST", url + "/networking/v2.0/networks", admin,
                    "{\"network\": {\"name\": \"bench-az" + zone + "\"}}", 201).at("/network/id").asText();
            http.send("POST", url + "/networking/v2.0/subnets", admin, """
                    {"subnet": {"network_id": "%s", "ip_version": 4, "cidr": "10.%d.0.0/16"}}""".formatted(network, 128 + zone), 201);
            networks.add(network);
        }
        return new TopResources(List.copyOf(networks), image);
    }

    private static String prepareSite(BenchClient http, String url, BenchClient.Token admin) {
        http.send("POST", url + "/compute/v2.1/flavors", admin,
                "{\"flavor\": {\"name\": \"bench-direct\", \"id\": \"bench-direct\", \"ram\": 64, \"vcpus\": 1, \"disk\": 1}}", 200);
        String network = http.send("POST", url + "/networking/v2.0/networks", admin, "{\"network\": {\"name\": \"direct\"}}", 201)
                .at("/network/id").asText();
        http.send("POST", url + "/networking/v2.0/subnets", admin, """
                {"subnet": {"network_id": "%s", "ip_version": 4, "cidr": "10.129.0.0/16"}}""".formatted(network), 201);
        return network;
    }

    /** How long each create request took to be answered, by path ("top", "direct"). */
    private final Map<String, List<Double>> answerMillis = new ConcurrentHashMap<>();

    /**
     * Sends {@code count} creates, {@code concurrency} at a time; returns each server's id and when it was sent.
     *
     * @throws IllegalStateException when any create was refused: timing only the ones that got through would flatter
     */
    private Map<String, Long> create(String path, int count, Function<Integer, String> create) throws InterruptedException {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        List<Double> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RuntimeException> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        answerMillis.put(path, answers);
        Semaphore inFlight = new Semaphore(concurrency);
        try (ExecutorService creators = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                inFlight.acquire();
                creators.submit(() -> {
                    try {
                        long started = System.nanoTime();
                        sent.put(create.apply(index), started);
                        answers.add((System.nanoTime() - started) / 1e6);
                    } catch (RuntimeException e) {
                        refused.add(e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException(refused.size() + " of " + count + " creates (" + path + ") were refused, first: "
                    + refused.getFirst().getMessage());
        }
        return sent;
    }

    private static void awaitActive(BenchClient http, BenchClient.Token token, List<String> computeUrls, Map<String, Long> sent)
            throws InterruptedException {
        Watcher watcher = new Watcher(http, token, computeUrls, false);
        try {
            watcher.awaitAll(sent.keySet(), Duration.ofMinutes(10));
        } finally {
            watcher.stop();
        }
    }

    private Percentiles answers(String path) {
        return new Percentiles(answerMillis.get(path).stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Percentiles latencies(Map<String, Long> sent, Map<String, Long> active) {
        return new Percentiles(sent.entrySet().stream()
                .mapToDouble(e -> (active.get(e.getKey()) - e.getValue()) / 1e6)
                .toArray());
    }

    /** Per top server: ACTIVE seen at the top minus ACTIVE seen for its copy in the site. */
    private static Percentiles propagation(java.util.Set<String> topIds, Watcher bottom, Watcher topWatch) {
        Map<String, Long> bottomActive = bottom.activeAtByTopId();
        return new Percentiles(topIds.stream()
                .filter(bottomActive::containsKey)
                .mapToDouble(id -> Math.max(0, topWatch.activeAt().get(id) - bottomActive.get(id)) / 1e6)
                .toArray());
    }

    /**
     * Polls server lists (with {@code changes-since}) every 50 ms and records when each server was first seen ACTIVE;
     * for site lists of copies it also keys them by the top id in their name.
     */
    private static final class Watcher {
        private final Map<String, Long> activeAt = new ConcurrentHashMap<>();
        private final Map<String, Long> activeAtByTopId = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean stopped;

        Watcher(BenchClient http, BenchClient.Token token, List<String> computeUrls, boolean allProjects) {
            thread = Thread.ofVirtual().start(() -> {
                Instant since = Instant.now().minusSeconds(5);
                while (!stopped) {
                    // Only what changed since shortly before the last round: the watcher must not load the sites.
                    Instant round = Instant.now().minusSeconds(2);
                    for (String url : computeUrls) {
                        try {
                            watch(http, token, url, since, allProjects);
                        } catch (RuntimeException e) {
                            // a busy site may refuse one poll; the next one catches up
                        }
                    }
                    since = round;
                    try {
                        Thread.sleep(WATCH_INTERVAL);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private void watch(BenchClient http, BenchClient.Token token, String url, Instant since, boolean allProjects) {
            String marker = null;
            do {
                JsonNode page = http.getJson(url + "/servers/detail?limit=1000&changes-since=" + Timestamps.seconds(since)
                        + (allProjects ? "&all_tenants=1" : "") + (marker == null ? "" : "&marker=" + marker), token);
                long now = System.nanoTime();
                JsonNode list = page.path("servers");
                for (JsonNode server : list) {
                    if ("ACTIVE".equals(server.path("status").asText())) {
                        activeAt.putIfAbsent(server.path("id").asText(), now);
                        String name = server.path("name").asText();
                        if (name.contains("@")) {
                            activeAtByTopId.putIfAbsent(name.substring(name.lastIndexOf('@') + 1), now);
                        }
                    }
                }
                marker = list.size() >= 1000 ? list.get(list.size() - 1).path("id").asText() : null;
            } while (marker != null);
        }

        Map<String, Long> activeAt() {
            return activeAt;
        }

        Map<String, Long> activeAtByTopId() {
            return activeAtByTopId;
        }

        void awaitAll(java.util.Set<String> ids, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!activeAt.keySet().containsAll(ids)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException((ids.size() - ids.stream().filter(activeAt::containsKey).count())
                            + " servers never became ACTIVE");
                }
                Thread.sleep(100);
            }
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }
    }
}
