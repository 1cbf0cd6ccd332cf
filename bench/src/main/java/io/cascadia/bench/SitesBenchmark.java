package io.cascadia.bench;

import io.cascadia.app.Settings;
import io.cascadia.app.TopConfig;
import io.cascadia.app.TopLayer;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import io.cascadia.emulator.runtime.HostCapacity;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./cascadia bench sites}: fills one JVM with emulated sites and their servers (each with its port) through
 * the in-JVM bulk path ({@link io.cascadia.emulator.compute.EmulatedNova#createServers}, the same checks as
 * {@code POST /servers} without HTTP), measures the heap after GC, then the latency of
 * {@code GET /compute/v2.1/servers/detail?limit=1000} against one site over HTTP, with {@code GET /flavors/1} as
 * the baseline measured in the same run. The full case (100 sites of 10,000 servers) needs an 8 GiB heap:
 * {@code CASCADIA_JAVA_OPTS=-Xmx8g ./cascadia bench sites}.
 */
@Command(name = "sites", mixinStandardHelpOptions = true,
        description = "Fill one JVM with emulated sites and servers; report heap after GC and the latency of a 1,000-server page.")
final class SitesBenchmark implements Callable<Integer> {
    private static final String ADMIN_PASSWORD = "bench-admin-password";

    @Option(names = "--sites", defaultValue = "100", description = "Emulated sites to start (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--servers-per-site", defaultValue = "10000", description = "Servers in each site (default: ${DEFAULT-VALUE}).")
    int serversPerSite;

    @Option(names = "--requests", defaultValue = "300", description = "Measured requests of each kind (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--page", defaultValue = "1000", description = "Page size of the measured list (default: ${DEFAULT-VALUE}).")
    int page;

    @Override
    public Integer call() throws Exception {
        if (sites < 1 || serversPerSite < 1 || requests < 200 || page < 1 || page > 1000) {
            throw new IllegalArgumentException("need --sites >= 1, --servers-per-site >= 1, --requests >= 200, --page 1..1000");
        }
        Path dataDir = Files.createTempDirectory("cascadia-bench-sites-");
        List<EmulatedSite> started = new ArrayList<>();
        try (TopLayer top = TopLayer.start(TopConfig.from(Settings.empty()
                .with("server.port", 0)
                .with("identity.admin-password", ADMIN_PASSWORD)
                .with("identity.password-hash-rounds", 1000), dataDir))) {
            BenchClient http = new BenchClient();
            BenchClient.Token admin = http.token(top.publicUrl(), "admin", ADMIN_PASSWORD, "admin");
            long heapBefore = usedHeapAfterGc();

            long fillStarted = System.nanoTime();
            for (int n = 1; n <= sites; n++) {
                started.add(EmulatedSite.start(config(n, top.publicUrl() + "/v3")));
            }
            fill(started, admin);
            double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
            long servers = started.stream().mapToLong(site -> site.compute().serverCount()).sum();
            long ports = started.stream().mapToLong(site -> site.network().portCount()).sum();
            long heapAfter = usedHeapAfterGc();
            long heapMb = heapAfter / (1024 * 1024);
            double bytesPerServer = (double) (heapAfter - heapBefore) / servers;

            EmulatedSite measured = started.getFirst();
            String list = measured.url() + "/compute/v2.1/servers/detail?limit=" + page;
            String baseline = measured.url() + "/compute/v2.1/flavors/1";
            int pageSize = http.getJson(list, admin).get("servers").size();
            for (int i = 0; i < 50; i++) {
                http.get(list, admin);
                http.get(baseline, admin);
            }
            double[] listMillis = new double[requests];
            double[] baselineMillis = new double[requests];
            for (int i = 0; i < requests; i++) {
                listMillis[i] = http.timedGet(list, admin);
                baselineMillis[i] = http.timedGet(baseline, admin);
            }
            Percentiles pages = new Percentiles(listMillis);
            Percentiles small = new Percentiles(baselineMillis);
            long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);

            BenchReport report = new BenchReport("sites")
                    .parameter("sites", sites)
                    .parameter("servers_per_site", serversPerSite)
                    .parameter("page", page)
                    .parameter("requests", requests)
                    .parameter("max_heap_mb", maxHeapMb)
                    .parameter("cpus", Runtime.getRuntime().availableProcessors())
                    .row("servers held", servers, "count")
                    .row("ports held", ports, "count")
                    .row("fill rate (servers with ports)", servers / fillSeconds, "1/s")
                    .row("heap used after GC", heapMb, "MiB", null, "< 8192 MiB", heapMb < 8192)
                    .row("heap per server (with its port)", bytesPerServer, "bytes")
                    .row("servers in the measured page", pageSize, "count")
                    .row("GET servers/detail page p50", pages.at(50), "ms", small.at(50), "< 20 ms", pages.at(50) < 20)
                    .row("GET servers/detail page p99", pages.at(99), "ms", small.at(99), null, null)
                    .row("GET flavors/1 (baseline) p50", small.at(50), "ms")
                    .row("GET flavors/1 (baseline) p99", small.at(99), "ms");
            report.publish();
            return 0;
        } finally {
            started.forEach(EmulatedSite::close);
            deleteTree(dataDir);
        }
    }

    private SiteConfig config(int n, String keystone) {
        int hosts = 4;
        int perHost = serversPerSite / hosts + 1;
        return SiteConfig.of("bench" + n, keystone)
                .withHosts(hosts)
                .withCapacity(new HostCapacity(perHost, 128L * perHost, 1L * perHost + 1))
                .withBuildLatency(Duration.ZERO)
                .withActionLatency(Duration.ZERO)
                .withTunnelSubnet("100.64." + (n % 256) + ".0/24");
    }

    /** Fills the sites on as many threads as there are processors, 1,000 servers per call. */
    private void fill(List<EmulatedSite> all, BenchClient.Token admin) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> filling = new ArrayList<>();
            for (EmulatedSite site : all) {
                filling.add(pool.submit(() -> {
                    String network = site.network().createNetwork(admin.projectId(), "bench", "10.0.0.0/16");
                    for (int done = 0; done < serversPerSite; ) {
                        int batch = Math.min(1000, serversPerSite - done);
                        site.compute().createServers(admin.projectId(), admin.userId(), "vm-" + done, "42", network, batch);
                        done += batch;
                    }
                    return null;
                }));
            }
            for (Future<?> future : filling) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
