package io.cascadia.cascade.scheduling;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Server;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.sites.Site;
import io.cascadia.core.sites.SiteState;
import io.cascadia.sites.SiteException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the site of a new server: among the zones matching its requested availability zone (any zone when none was
 * asked), only sites that are up (never degraded or disabled), only those with room for the flavor, then the one
 * with the most free memory (Nova's RAM weigher), which spreads load. A server booted from a volume goes to the
 * volume's site.
 */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final SiteRegistry sites;
    private final SiteCapacities capacities;

    public Scheduler(SiteRegistry sites, SiteCapacities capacities) {
        this.sites = requireNonNull(sites, "sites is null");
        this.capacities = requireNonNull(capacities, "capacities is null");
    }

    public Placement place(Server server) {
        String wanted = server.availabilityZone();
        List<Site> all = sites.list();
        List<Site> inZone = all.stream()
                .filter(site -> wanted == null || site.zones().stream().anyMatch(zone -> zone.topName().equals(wanted)))
                .filter(site -> !site.zones().isEmpty())
                .toList();
        if (inZone.isEmpty()) {
            return new Placement.NoValidHost(wanted == null ? "No site is registered."
                    : "No site serves availability zone " + wanted + ".");
        }
        List<Site> up = inZone.stream().filter(site -> site.state() == SiteState.UP).toList();
        if (up.isEmpty()) {
            boolean anyDegraded = inZone.stream().anyMatch(site -> site.state() == SiteState.DEGRADED);
            String names = String.join(", ", inZone.stream().map(Site::region).toList());
            return anyDegraded
                    ? new Placement.Wait("every site of " + (wanted == null ? "the cloud" : "zone " + wanted) + " is unavailable (" + names + ")")
                    : new Placement.NoValidHost("Every site of " + (wanted == null ? "the cloud" : "zone " + wanted) + " is disabled.");
        }
        Optional<Site> chosen = up.stream()
                .filter(site -> hasRoom(site, server))
                .max(Comparator.comparingDouble(site -> capacities.of(site.region()).ramMb()));
        if (chosen.isEmpty()) {
            return new Placement.NoValidHost("There are not enough hosts available: no site of "
                    + (wanted == null ? "the cloud" : "zone " + wanted) + " has room for flavor " + server.flavor().name() + ".");
        }
        Site site = chosen.get();
        if (!capacities.reserve(site.region(), server.flavor())) {
            return new Placement.Wait("site " + site.region() + " filled up meanwhile");
        }
        AvailabilityZone zone = site.zones().stream()
                .filter(z -> wanted == null || z.topName().equals(wanted))
                .findFirst()
                .orElseThrow();
        LOG.info("server {} goes to site {} zone {}", server.id(), site.region(), zone.topName());
        return new Placement.Placed(zone);
    }

    /**
     * Places a server in one given site, the one holding the volume it boots from: the site must be up (degraded:
     * wait) and have room for its flavor.
     */
    public Placement placeIn(Server server, String region) {
        Site site = sites.list().stream().filter(s -> s.region().equals(region)).findFirst().orElse(null);
        String which = "site " + region + ", which holds the server's root volume,";
        if (site == null || site.zones().isEmpty()) {
            return new Placement.NoValidHost("The " + which + " serves no availability zone.");
        }
        if (site.state() != SiteState.UP) {
            return site.state() == SiteState.DEGRADED
                    ? new Placement.Wait(which + " is unavailable")
                    : new Placement.NoValidHost("The " + which + " is disabled.");
        }
        if (!hasRoom(site, server) || !capacities.reserve(region, server.flavor())) {
            return new Placement.NoValidHost("There are not enough hosts available: " + which + " has no room for flavor "
                    + server.flavor().name() + ".");
        }
        AvailabilityZone zone = site.zones().stream()
                .filter(z -> server.availabilityZone() == null || z.topName().equals(server.availabilityZone()))
                .findFirst()
                .orElse(site.zones().getFirst());
        LOG.info("server {} goes to site {} zone {}, where its root volume is", server.id(), region, zone.topName());
        return new Placement.Placed(zone);
    }

    private boolean hasRoom(Site site, Server server) {
        try {
            return capacities.of(site.region()).fits(server.flavor());
        } catch (SiteException e) {
            LOG.info("capacity of site {} unknown: {}", site.region(), e.getMessage());
            return false;
        }
    }
}
