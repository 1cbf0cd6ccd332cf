package io.cascadia.app;

import io.cascadia.api.identity.IdentityBootstrap;
import io.cascadia.dataplane.Dataplane;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The demo's emulated sites: {@code site1..siteN} in zones {@code az1..azN}, each on a free loopback port with its
 * hosts' tunnel IPs in {@code 100.64.<n>.0/24}, validating tokens against the top's Keystone, and registered in the
 * catalog under its region (compute, network, volumev3, image). They start in parallel. With a dataplane prefix,
 * every site's hosts and servers are namespaces of one shared {@link Dataplane}, removed on close.
 */
final class DemoSites implements AutoCloseable {
    static final int HOSTS_PER_SITE = 2;
    private final List<EmulatedSite> sites;
    private final Dataplane dataplane;

    private DemoSites(List<EmulatedSite> sites, Dataplane dataplane) {
        this.sites = List.copyOf(sites);
        this.dataplane = dataplane;
    }

    static DemoSites start(List<Integer> hostsPerSite, String keystoneUrl, IdentityBootstrap identity, String dataplanePrefix) {
        Dataplane dataplane = dataplanePrefix == null ? null : Dataplane.start(dataplanePrefix);
        List<CompletableFuture<EmulatedSite>> starting = new ArrayList<>();
        for (int n = 1; n <= hostsPerSite.size(); n++) {
            SiteConfig config = SiteConfig.of("site" + n, keystoneUrl)
                    .withAvailabilityZones(List.of("az" + n))
                    .withHosts(hostsPerSite.get(n - 1))
                    .withTunnelSubnet("100.64." + n + ".0/24");
            starting.add(CompletableFuture.supplyAsync(() -> EmulatedSite.start(config, dataplane)));
        }
        List<EmulatedSite> sites = new ArrayList<>();
        try {
            for (CompletableFuture<EmulatedSite> site : starting) {
                sites.add(site.join());
            }
            if (dataplane != null) {
                dataplane.pinUnderlayNeighbours();
            }
            for (EmulatedSite site : sites) {
                identity.ensureRegion(site.region(), "Emulated cascaded site " + site.region());
                for (EmulatedSite.CatalogEndpoint endpoint : site.catalogEndpoints()) {
                    identity.ensureEndpoint(site.region(), endpoint.type(), endpoint.name(), endpoint.url());
                }
            }
            return new DemoSites(sites, dataplane);
        } catch (RuntimeException e) {
            starting.forEach(site -> site.thenAccept(EmulatedSite::close));
            if (dataplane != null) {
                dataplane.close();
            }
            throw e;
        }
    }


    List<EmulatedSite> all() {
        return sites;
    }

    @Override
    public void close() {
        sites.forEach(EmulatedSite::close);
        if (dataplane != null) {
            dataplane.close();
        }
    }
}
