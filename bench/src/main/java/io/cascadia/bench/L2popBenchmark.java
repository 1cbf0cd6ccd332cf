package io.cascadia.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.app.Settings;
import io.cascadia.app.TopConfig;
import io.cascadia.app.TopLayer;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import io.cascadia.emulator.network.L2PopulationTable;
import io.cascadia.emulator.runtime.Host;
import io.cascadia.emulator.runtime.HostCapacity;
import io.cascadia.store.routing.RoutingTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./cascadia bench l2pop}: cross-site l2 population end to end. A top layer with three emulated sites, one
 * network and {@code --ports} servers spread over the sites through the top API (so every site holds a remote port
 * for each port of the others); then, one port at a time, the port's device is unplugged and plugged again in its
 * site, and the time is taken from "port ACTIVE in site A" to "its fdb entry is in every related agent (every agent
 * with a port on the network) of site B", for each other site B, and likewise for the removal. A burst of ports
 * plugged at once measures the same under load. Baselines in the same run: the same propagation between two
 * agents of one site (the site's own l2 population, no Cascadia in the path) and the status poll interval, the
 * floor of a design that learns of port changes by polling.
 */
@Command(name = "l2pop", mixinStandardHelpOptions = true,
        description = "Time from a port going ACTIVE in one site to its fdb entry in every related agent of the other sites.")
final class L2popBenchmark implements Callable<Integer> {
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final int HOSTS = 4;

    @Option(names = "--ports", defaultValue = "1000", description = "Ports (servers) on the network (default: ${DEFAULT-VALUE}).")
    int ports;

    @Option(names = "--sites", defaultValue = "3", description = "Sites the ports are spread over (default: ${DEFAULT-VALUE}).")
    int siteCount;

    @Option(names = "--samples", defaultValue = "100", description = "Ports toggled one at a time (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--burst", defaultValue = "100", description = "Ports plugged at once for the burst (default: ${DEFAULT-VALUE}).")
    int burst;

    /** A top port's copy: where it lives and what its entry looks like. */
    private record Placed(String topId, String region, String bottomId, String mac, String vtep) {
    }

    private HttpClient http;
    private String token;
    private String projectId;
    private List<EmulatedSite> sites;
    private Map<String, List<String>> relatedAgents;

    @Override
    public Integer call() throws Exception {
        if (ports < siteCount || siteCount < 2 || samples < 1 || burst < 1 || burst > ports) {
            throw new IllegalArgumentException("need --sites >= 2, --ports >= --sites, --samples >= 1, 1 <= --burst <= --ports");
        }
        Path dataDir = Files.createTempDirectory("cascadia-bench-l2pop-");
        sites = new ArrayList<>();
        TopConfig config = TopConfig.from(Settings.empty()
                .with("server.port", 0)
                .with("identity.admin-password", ADMIN_PASSWORD)
                .with("identity.password-hash-rounds", 1000), dataDir);
        try (TopLayer top = TopLayer.start(config)) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            token = token(top.publicUrl());
            for (int n = 1; n <= siteCount; n++) {
                EmulatedSite site = EmulatedSite.start(config(n, top.publicUrl() + "/v3"));
                sites.add(site);
                top.identity().ensureRegion(site.region(), "bench site");
                for (EmulatedSite.CatalogEndpoint endpoint : site.catalogEndpoints()) {
                    top.identity().ensureEndpoint(site.region(), endpoint.type(), endpoint.name(), endpoint.url());
                }
                top.sites().add(site.region(), Map.of());
            }

            long fillStarted = System.nanoTime();
            List<Placed> placed = fill(top);
            double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;

            double[] up = new double[samples * (siteCount - 1)];
            double[] down = new double[samples * (siteCount - 1)];
            double[] inSite = new double[samples];
            for (int i = 0; i < samples; i++) {
                Placed port = placed.get((int) ((long) i * placed.size() / samples));
                site(port.region()).network().ports().setDeviceUp(port.bottomId(), false);
                Map<String, Double> gone = awaitEverywhere(List.of(port), false, System.nanoTime()).get(port.topId());
                long plugged = System.nanoTime();
                site(port.region()).network().ports().setDeviceUp(port.bottomId(), true);
                inSite[i] = awaitInSite(port, plugged);
                Map<String, Double> present = awaitEverywhere(List.of(port), true, plugged).get(port.topId());
                int k = i * (siteCount - 1);
                for (String region : present.keySet()) {
                    up[k] = present.get(region);
                    down[k] = gone.get(region);
                    k++;
                }
            }

            List<Placed> burstPorts = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                burstPorts.add(placed.get((int) ((long) i * placed.size() / burst)));
            }
            burstPorts.forEach(p -> site(p.region()).network().ports().setDeviceUp(p.bottomId(), false));
            awaitEverywhere(burstPorts, false, System.nanoTime());
            long burstStarted = System.nanoTime();
            burstPorts.forEach(p -> site(p.region()).network().ports().setDeviceUp(p.bottomId(), true));
            Map<String, Map<String, Double>> burstTimes = awaitEverywhere(burstPorts, true, burstStarted);
            double[] burstUp = burstTimes.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).toArray();

            Percentiles upP = new Percentiles(up);
            Percentiles downP = new Percentiles(down);
            Percentiles inSiteP = new Percentiles(inSite);
            Percentiles burstP = new Percentiles(burstUp);
            double poll = config.cascade().poll().interval().toMillis();
            new BenchReport("l2pop")
                    .parameter("ports", ports)
                    .parameter("sites", siteCount)
                    .parameter("hosts_per_site", HOSTS)
                    .parameter("samples", samples)
                    .parameter("burst", burst)
                    .parameter("cpus", Runtime.getRuntime().availableProcessors())
                    .row("fill: servers ACTIVE and remote ports everywhere", fillSeconds, "s")
                    .row("port up in A -> fdb in every agent of B, p50", upP.at(50), "ms", poll, "< 1000 ms", upP.at(99) < 1000)
                    .row("port up in A -> fdb in every agent of B, p99", upP.at(99), "ms", poll, "< 1000 ms", upP.at(99) < 1000)
                    .row("port up in A -> fdb in every agent of B, max", upP.at(100), "ms")
                    .row("port down in A -> fdb gone from B, p50", downP.at(50), "ms", poll, null, null)
                    .row("port down in A -> fdb gone from B, p99", downP.at(99), "ms", poll, null, null)
                    .row("burst of " + burst + " up -> fdb in B, p50", burstP.at(50), "ms", poll, null, null)
                    .row("burst of " + burst + " up -> fdb in B, p99", burstP.at(99), "ms", poll, null, null)
                    .row("baseline: same propagation inside site A, p50", inSiteP.at(50), "ms")
                    .row("baseline: same propagation inside site A, p99", inSiteP.at(99), "ms")
                    .row("baseline: port status poll interval", poll, "ms")
                    .publish();
            return 0;
        } finally {
            sites.forEach(EmulatedSite::close);
            deleteTree(dataDir);
        }
    }

    private SiteConfig config(int n, String keystone) {
        int perHost = ports / siteCount / HOSTS + 2;
        return SiteConfig.of("l2site" + n, keystone)
                .withAvailabilityZones(List.of("az" + n))
                .withHosts(HOSTS)
                .withCapacity(new HostCapacity(perHost, 512L * perHost, perHost))
                .withBuildLatency(Duration.ofMillis(100))
                .withActionLatency(Duration.ZERO)
                .withTunnelSubnet("100.64." + n + ".0/24");
    }

    /**
     * Creates the flavor, image, network and servers through the top API, waits for every server to be ACTIVE and
     * every site to hold a remote port for every port of the others; returns where each port lives.
     */
    private List<Placed> fill(TopLayer top) throws Exception {
        String base = top.publicUrl();
        send("PUT", base + "/compute/v2.1/os-quota-sets/" + projectId, """
                {"quota_set": {"instances": -1, "cores": -1, "ram": -1}}""", "application/json");
        send("PUT", base + "/networking/v2.0/quotas/" + projectId, """
                {"quota": {"port": -1}}""", "application/json");
        String flavor = post(base + "/compute/v2.1/flavors", """
                {"flavor": {"name": "m1.bench", "ram": 512, "vcpus": 1, "disk": 1}}""").at("/flavor/id").asText();
        String image = post(base + "/image/v2/images", """
                {"name": "bench", "disk_format": "raw", "container_format": "bare", "visibility": "public"}""").path("id").asText();
        send("PUT", base + "/image/v2/images/" + image + "/file", "bytes", "application/octet-stream");
        String network = post(base + "/networking/v2.0/networks", "{\"network\": {\"name\": \"bench\"}}").at("/network/id").asText();
        post(base + "/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "10.0.0.0/20", "ip_version": 4}}""".formatted(network));

        // Two clients at once: more make the top's address allocation on one network contend on H2's locks.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<JsonNode>> creating = new ArrayList<>();
            for (int i = 0; i < ports; i++) {
                String body = """
                        {"server": {"name": "vm-%d", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                          "availability_zone": "az%d"}}""".formatted(i, flavor, image, network, 1 + i % siteCount);
                creating.add(pool.submit(() -> createServer(base, body)));
            }
            for (Future<JsonNode> future : creating) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        awaitActive(base);

        RoutingTable routing = new RoutingTable(top.database().jdbi());
        List<Placed> placed = new ArrayList<>();
        Map<String, String> hostVteps = new HashMap<>();
        sites.forEach(site -> site.hosts().forEach(host -> hostVteps.put(host.name(), host.tunnelIp())));
        String marker = null;
        do {
            JsonNode page = get(base + "/networking/v2.0/ports?network_id=" + network + "&limit=1000"
                    + (marker == null ? "" : "&marker=" + marker));
            for (JsonNode port : page.path("ports")) {
                Routing copy = routing.forTop(port.path("id").asText(), ResourceKind.PORT).getFirst();
                placed.add(new Placed(port.path("id").asText(), copy.region(), copy.bottomId(), port.path("mac_address").asText(),
                        hostVteps.get(bottomHost(copy))));
                marker = port.path("id").asText();
            }
            if (page.path("ports").size() < 1000) {
                marker = null;
            }
        } while (marker != null);
        relatedAgents = relatedAgents();
        awaitEverywhere(placed, true, System.nanoTime());
        return placed;
    }

    /** Creates a server, again when the top refuses it for an address a concurrent request took (409). */
    private JsonNode createServer(String base, String body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return post(base + "/compute/v2.1/servers", body);
            } catch (IllegalStateException e) {
                if (attempt >= 20 || !e.getMessage().contains("answered 409")) {
                    throw e;
                }
            }
        }
    }

    /** The host a bottom port is bound to, read in its site. */
    private String bottomHost(Routing copy) throws Exception {
        EmulatedSite site = site(copy.region());
        return get(site.url() + "/networking/v2.0/ports/" + copy.bottomId()).path("port").path("binding:host_id").asText();
    }

    private void awaitActive(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            int active = 0;
            String marker = null;
            do {
                JsonNode page = get(base + "/compute/v2.1/servers/detail?limit=1000" + (marker == null ? "" : "&marker=" + marker));
                marker = null;
                for (JsonNode server : page.path("servers")) {
                    if ("ERROR".equals(server.path("status").asText())) {
                        throw new IllegalStateException("server " + server.path("id").asText() + " ended in ERROR: " + server.path("fault"));
                    }
                    active += "ACTIVE".equals(server.path("status").asText()) ? 1 : 0;
                    marker = server.path("id").asText();
                }
                if (page.path("servers").size() < 1000) {
                    marker = null;
                }
            } while (marker != null);
            if (active == ports) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + active + " of " + ports + " servers ACTIVE after 10 min");
            }
            Thread.sleep(500);
        }
    }

    /** Per site, the agents with a port on the network (the network has one copy per site). */
    private Map<String, List<String>> relatedAgents() {
        Map<String, List<String>> related = new LinkedHashMap<>();
        for (EmulatedSite site : sites) {
            List<String> agents = new ArrayList<>();
            for (Host host : site.hosts()) {
                if (!site.l2Population().forAgent(host.name()).orElseThrow().networks().isEmpty()) {
                    agents.add(host.name());
                }
            }
            related.put(site.region(), agents);
        }
        return related;
    }

    /**
     * Waits until each port's entry is present ({@code present}) or absent in every related agent of every site other
     * than its own; returns, per port and site, the milliseconds from {@code since} to when that site was done.
     */
    private Map<String, Map<String, Double>> awaitEverywhere(List<Placed> watched, boolean present, long since) {
        Map<String, Map<String, Double>> done = new LinkedHashMap<>();
        watched.forEach(p -> done.put(p.topId(), new LinkedHashMap<>()));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        int pending = watched.size() * (siteCount - 1);
        while (pending > 0) {
            for (EmulatedSite site : sites) {
                Map<String, List<L2PopulationTable.Entry>> tables = null;
                for (Placed port : watched) {
                    if (port.region().equals(site.region()) || done.get(port.topId()).containsKey(site.region())) {
                        continue;
                    }
                    if (tables == null) {
                        tables = tables(site);
                    }
                    boolean everywhere = true;
                    for (List<L2PopulationTable.Entry> entries : tables.values()) {
                        boolean has = entries.stream().anyMatch(e -> e.macAddress().equals(port.mac()) && e.vtep().equals(port.vtep()));
                        everywhere &= has == present;
                    }
                    if (everywhere) {
                        done.get(port.topId()).put(site.region(), (System.nanoTime() - since) / 1e6);
                        pending--;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending + " port/site pairs not " + (present ? "present" : "gone") + " after 5 min");
            }
            pause();
        }
        return done;
    }

    /** Milliseconds from {@code since} until another agent of the port's own site has the port's entry. */
    private double awaitInSite(Placed port, long since) {
        EmulatedSite site = site(port.region());
        Host other = site.hosts().stream().filter(h -> !h.tunnelIp().equals(port.vtep())).findFirst().orElseThrow();
        while (site.l2Population().forAgent(other.name()).orElseThrow().networks().stream()
                .flatMap(n -> n.entries().stream()).noneMatch(e -> e.macAddress().equals(port.mac()))) {
            pause();
        }
        return (System.nanoTime() - since) / 1e6;
    }

    /** Between two looks at the agents' tables: short, so the watcher takes its sample within a millisecond or two without taking a core from what it measures. */
    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, List<L2PopulationTable.Entry>> tables(EmulatedSite site) {
        Map<String, List<L2PopulationTable.Entry>> tables = new HashMap<>();
        for (String agent : relatedAgents.get(site.region())) {
            tables.put(agent, site.l2Population().forAgent(agent).orElseThrow().networks().stream()
                    .flatMap(n -> n.entries().stream()).toList());
        }
        return tables;
    }

    private EmulatedSite site(String region) {
        return sites.stream().filter(s -> s.region().equals(region)).findFirst().orElseThrow();
    }

    private String token(String keystone) throws Exception {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin",
                 "domain": {"id": "default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}}""".formatted(ADMIN_PASSWORD);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keystone + "/v3/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("cannot get a token: " + response.statusCode() + " " + response.body());
        }
        projectId = Json.read(response.body()).at("/token/project/id").asText();
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private JsonNode get(String url) throws Exception {
        return send("GET", url, null, null);
    }

    private JsonNode post(String url, String body) throws Exception {
        return send("POST", url, body, "application/json");
    }

    private JsonNode send(String method, String url, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? Json.object() : Json.read(response.body());
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
