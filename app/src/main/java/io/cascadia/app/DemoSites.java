package io.cascadia.app;

import io.cascadia.api.identity.IdentityBootstrap;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The demo's emulated sites: {@code site1..siteN} in zones {@code az1..azN}, each on a free loopback port with its
 * hosts' tunnel IPs in {@code 100.64.<n>.0/24}, validating tokens against the top's Keystone, and registered in the
 * catalog under its region (compute, network, volumev3, image). They start in parallel.
 */
final class DemoSites implements AutoCloseable {
    private final List<EmulatedSite> sites;

    private DemoSites(List<EmulatedSite> sites) {
        this.sites = List.copyOf(sites);
    }

    static DemoSites start(int count, String keystoneUrl, IdentityBootstrap identity) {
        List<CompletableFuture<EmulatedSite>> starting = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            SiteConfig config = SiteConfig.of("site" + n, keystoneUrl)
                    .withAvailabilityZones(List.of("az" + n))
                    .withTunnelSubnet("100.64." + n + ".0/24");
            starting.add(CompletableFuture.supplyAsync(() -> EmulatedSite.start(config)));
        }
        List<EmulatedSite> sites = new ArrayList<>();
        try {
            for (CompletableFuture<EmulatedSite> site : starting) {
                sites.add(site.join());
            }
            for (EmulatedSite site : sites) {
                identity.ensureRegion(site.region(), "Emulated cascaded site " + site.region());
                for (EmulatedSite.CatalogEndpoint endpoint : site.catalogEndpoints()) {
                    identity.ensureEndpoint(site.region(), endpoint.type(), endpoint.name(), endpoint.url());
                }
            }
            return new DemoSites(sites);
        } catch (RuntimeException e) {
            starting.forEach(site -> site.thenAccept(EmulatedSite::close));
            throw e;
        }
    }

    List<EmulatedSite> all() {
        return sites;
    }

    @Override
    public void close() {
        sites.forEach(EmulatedSite::close);
    }
}
