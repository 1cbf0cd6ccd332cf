package io.cascadia.bench.toplist;

import io.cascadia.bench.Percentiles;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import io.cascadia.emulator.runtime.HostCapacity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The baseline of the top-list benchmark: the same list asked straight from one emulated site holding
 * {@code servers} servers (a site of the size the issue names), measured in the same run.
 */
final class SiteListBaseline implements ListBaseline, AutoCloseable {
    private final EmulatedSite site;
    private final TopListBench.TopClient client;
    private final int requests;

    private SiteListBaseline(EmulatedSite site, TopListBench.TopClient client, int requests) {
        this.site = site;
        this.client = client;
        this.requests = requests;
    }

    /** Starts a site validating tokens at {@code keystone} and fills it through the in-JVM bulk path. */
    static SiteListBaseline start(String keystone, String projectId, String userId, TopListBench.TopClient client, int servers,
                                  int requests) {
        int hosts = 4;
        int perHost = servers / hosts + 1;
        EmulatedSite site = EmulatedSite.start(SiteConfig.of("baseline", keystone)
                .withAvailabilityZones(List.of("az2"))
                .withHosts(hosts)
                .withCapacity(new HostCapacity(perHost, 128L * perHost, perHost + 1L))
                .withBuildLatency(Duration.ZERO)
                .withTunnelSubnet("100.64.250.0/24"));
        String network = site.network().createNetwork(projectId, "baseline", "10.0.0.0/16");
        for (int done = 0; done < servers; done += 1000) {
            site.compute().createServers(projectId, userId, "server-" + done, "42", network, Math.min(1000, servers - done));
        }
        return new SiteListBaseline(site, new TopListBench.TopClient(site.url(), client), requests);
    }

    @Override
    public Optional<Double> p99Millis(String query) {
        try {
            String path = "/compute/v2.1/servers/detail?" + query;
            for (int i = 0; i < 20; i++) {
                client.get(path);
            }
            double[] samples = new double[requests];
            for (int i = 0; i < requests; i++) {
                long started = System.nanoTime();
                client.get(path);
                samples[i] = (System.nanoTime() - started) / 1e6;
            }
            return Optional.of(new Percentiles(samples).at(99));
        } catch (Exception e) {
            throw new IllegalStateException("baseline list failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        site.close();
    }
}
