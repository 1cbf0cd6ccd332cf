package io.cascadia.api.admin;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.sites.Site;
import io.cascadia.core.sites.SiteOperations;
import io.cascadia.core.sites.SiteState;
import io.cascadia.store.sites.Sites;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Site operations over the site table alone, for testing the admin API without sites to talk to: a region is
 * known when it is in {@code catalog}, and its one zone is named after it.
 */
final class StoredSites implements SiteOperations {
    private final Sites sites;
    private final Map<String, Map<String, String>> catalog;

    StoredSites(Sites sites, Map<String, Map<String, String>> catalog) {
        this.sites = sites;
        this.catalog = catalog;
    }

    @Override
    public Site add(String region, Map<String, String> zoneNames) {
        if (!catalog.containsKey(region)) {
            throw OpenStackException.badRequest("Region " + region + " has no compute endpoint in the catalog.");
        }
        String siteZone = "zone-" + region;
        sites.register(region, List.of(new AvailabilityZone(zoneNames.getOrDefault(siteZone, siteZone), region, siteZone)), Instant.now());
        return sites.find(region).orElseThrow();
    }

    @Override
    public Site disable(String region) {
        Site site = sites.find(region).orElseThrow();
        sites.transition(region, site.state(), SiteState.DISABLED, null, Instant.now());
        return sites.find(region).orElseThrow();
    }

    @Override
    public Site enable(String region) {
        sites.transition(region, SiteState.DISABLED, SiteState.UP, null, Instant.now());
        return sites.find(region).orElseThrow();
    }

    @Override
    public List<Site> list() {
        return sites.list();
    }

    @Override
    public Map<String, String> endpoints(String region) {
        return catalog.getOrDefault(region, Map.of());
    }
}
