package io.cascadia.cascade.sites;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.sites.Site;
import io.cascadia.core.sites.SiteOperations;
import io.cascadia.core.sites.SiteState;
import io.cascadia.sites.SiteClient;
import io.cascadia.sites.SiteClientConfig;
import io.cascadia.sites.SiteException;
import io.cascadia.sites.SiteHealthListener;
import io.cascadia.store.sites.Sites;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sites Cascadia cascades to (URL mapping): one {@link SiteClient} per Keystone region, the sites' availability
 * zones, and their health. Every site call reports its outcome here: a site that does not answer turns
 * {@code degraded} at once, and {@code up} again on its next answer. Disabled sites are never changed by health.
 * The state is kept in the database (shared by every node) and mirrored in memory for the hot path.
 */
public final class SiteRegistry implements SiteOperations, SiteHealthListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteRegistry.class);

    private final Sites sites;
    private final SiteClientConfig config;
    private final Clock clock;
    private final Map<String, SiteClient> clients = new ConcurrentHashMap<>();
    private final Map<String, SiteState> states = new ConcurrentHashMap<>();
    private final Map<String, String> computeMaxVersions = new ConcurrentHashMap<>();
    /** The zone renames each site was added with on this node, for reading its zones again when it comes up. */
    private final Map<String, Map<String, String>> zoneNames = new ConcurrentHashMap<>();

    public SiteRegistry(Sites sites, SiteClientConfig config, Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        refresh();
    }

    /** The client of a registered site. */
    public SiteClient client(String region) {
        return clients.computeIfAbsent(region, r -> new SiteClient(r, config, this, clock));
    }

    /** {@inheritDoc} A site that does not answer yet is registered degraded, and gets its zones when it comes up. */
    @Override
    public Site add(String region, Map<String, String> zoneNames) {
        requireNonNull(region, "region is null");
        this.zoneNames.put(region, Map.copyOf(requireNonNull(zoneNames, "zoneNames is null")));
        SiteClient client = client(region);
        Map<String, String> endpoints;
        try {
            endpoints = client.endpoints();
        } catch (SiteException e) {
            throw new OpenStackException(io.cascadia.core.error.ErrorKind.SERVICE_UNAVAILABLE,
                    "Cannot read the catalog to register site " + region + ": " + e.getMessage());
        }
        if (!endpoints.containsKey("compute")) {
            clients.remove(region).close();
            throw OpenStackException.badRequest("Region " + region + " has no compute endpoint in the catalog.");
        }
        List<AvailabilityZone> zones = List.of();
        String error = null;
        try {
            zones = readZones(region, zoneNames);
        } catch (SiteException.Unreachable e) {
            error = e.getMessage();
        }
        boolean created = sites.register(region, zones, now());
        if (error != null) {
            sites.transition(region, SiteState.UP, SiteState.DEGRADED, error, now());
        }
        LOG.info("{} site {} with zones {}", created ? "registered" : "re-registered", region,
                zones.stream().map(AvailabilityZone::topName).toList());
        refresh();
        return find(region);
    }

    @Override
    public Site disable(String region) {
        Site site = find(region);
        if (site.state() != SiteState.DISABLED) {
            sites.transition(region, site.state(), SiteState.DISABLED, null, now());
            LOG.info("site {} disabled", region);
        }
        refresh();
        return find(region);
    }

    @Override
    public Site enable(String region) {
        Site site = find(region);
        if (site.state() == SiteState.DISABLED) {
            sites.transition(region, SiteState.DISABLED, SiteState.DEGRADED, "enabled; waiting for the site to answer", now());
            LOG.info("site {} enabled", region);
        }
        refresh();
        return find(region);
    }

    @Override
    public List<Site> list() {
        return sites.list();
    }

    @Override
    public Map<String, String> endpoints(String region) {
        find(region);
        try {
            return client(region).endpoints();
        } catch (SiteException e) {
            return Map.of();
        }
    }

    /**
     * The region whose Glance holds the region's image copies: the first region, by name, with the same image
     * endpoint. Regions that share one Glance share one copy of each image.
     */
    public String imageRegion(String region) {
        String glance = client(region).endpoints().get("image");
        if (glance == null) {
            return region;
        }
        return sites.list().stream().map(Site::region).sorted()
                .filter(other -> other.equals(region) || glance.equals(client(other).endpoints().get("image")))
                .findFirst().orElse(region);
    }

    /** The regions whose image copies {@code holder} holds ({@link #imageRegion}), itself included. */
    public List<String> regionsUsingImagesOf(String holder) {
        return sites.list().stream().map(Site::region).filter(region -> imageRegion(region).equals(holder)).toList();
    }

    /** Regions whose jobs must wait: degraded sites. */
    public Set<String> unavailableRegions() {
        return states.entrySet().stream()
                .filter(e -> e.getValue() == SiteState.DEGRADED)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    public SiteState state(String region) {
        return states.getOrDefault(region, SiteState.DEGRADED);
    }

    @Override
    public void answered(String region) {
        if (states.get(region) != SiteState.DEGRADED) {
            return;
        }
        if (sites.transition(region, SiteState.DEGRADED, SiteState.UP, null, now())) {
            LOG.info("site {} is up again", region);
        }
        states.put(region, SiteState.UP);
        if (sites.find(region).map(s -> s.zones().isEmpty()).orElse(false)) {
            Thread.ofVirtual().start(() -> refreshZones(region));
        }
    }

    @Override
    public void unreachable(String region, String error) {
        if (states.get(region) == SiteState.UP) {
            if (sites.transition(region, SiteState.UP, SiteState.DEGRADED, error, now())) {
                LOG.warn("site {} degraded: {}", region, error);
            }
            states.put(region, SiteState.DEGRADED);
        } else if (states.get(region) == SiteState.DEGRADED) {
            sites.noteError(region, error);
        }
    }

    /**
     * Proves the site answers with one cheap call, not retried (its compute version document), and remembers the
     * site's maximum Nova microversion. The outcome reaches the health state through the client.
     */
    public void probe(String region) {
        client(region).probe().ifPresent(max -> computeMaxVersions.put(region, max));
    }

    /** The lowest maximum Nova microversion over the sites probed so far: what the top can promise clients. */
    public java.util.Optional<String> lowestComputeMaxVersion() {
        return computeMaxVersions.entrySet().stream()
                .filter(e -> states.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .min(SiteClient::compareVersions);
    }

    /** Re-reads every site's state from the database, where other nodes may have changed it. */
    public void refresh() {
        Map<String, SiteState> current = sites.list().stream().collect(Collectors.toMap(Site::region, Site::state));
        states.keySet().retainAll(current.keySet());
        states.putAll(current);
    }

    private void refreshZones(String region) {
        try {
            sites.register(region, readZones(region, zoneNames.getOrDefault(region, Map.of())), now());
        } catch (SiteException e) {
            LOG.info("zones of site {} not read yet: {}", region, e.getMessage());
        }
    }

    private List<AvailabilityZone> readZones(String region, Map<String, String> zoneNames) {
        List<AvailabilityZone> zones = new ArrayList<>();
        for (JsonNode zone : client(region).nova(null).availabilityZones()) {
            String name = zone.path("zoneName").asText();
            if (!name.isEmpty() && !name.equals("internal")) {
                zones.add(new AvailabilityZone(zoneNames.getOrDefault(name, name), region, name));
            }
        }
        return zones;
    }

    private Site find(String region) {
        return sites.find(region).orElseThrow(() -> OpenStackException.notFound("Site " + region + " could not be found."));
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void close() {
        clients.values().forEach(SiteClient::close);
        clients.clear();
    }
}
