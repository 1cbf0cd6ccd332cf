package io.cascadia.cascade.scheduling;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.sites.Site;
import io.cascadia.core.sites.SiteState;
import io.cascadia.core.volume.Volume;
import io.cascadia.store.routing.RoutingTable;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the site of a new volume: among the sites serving its availability zone (any zone when none was asked), and
 * for a clone the site of its source, only sites that are up, then the one holding the fewest volumes, which spreads
 * them. Sites of the zone that are all
 * degraded make the volume wait; none at all (or only disabled ones) is no valid host.
 */
public final class VolumeScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeScheduler.class);

    private final SiteRegistry sites;
    private final RoutingTable routing;

    public VolumeScheduler(SiteRegistry sites, RoutingTable routing) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
    }

    public Placement place(Volume volume) {
        String wanted = volume.availabilityZone();
        String where = wanted == null ? "the cloud" : "zone " + wanted;
        // A clone is made by the site that holds its source.
        List<String> sourceSites = volume.sourceVolumeId() == null ? null
                : routing.forTop(volume.sourceVolumeId(), ResourceKind.VOLUME).stream().map(Routing::region).toList();
        List<Site> inZone = sites.list().stream()
                .filter(site -> site.zones().stream().anyMatch(zone -> wanted == null || zone.topName().equals(wanted)))
                .filter(site -> sourceSites == null || sourceSites.contains(site.region()))
                .toList();
        if (inZone.isEmpty()) {
            return new Placement.NoValidHost(sourceSites != null ? "The source volume " + volume.sourceVolumeId() + " is in no site of " + where + "."
                    : wanted == null ? "No site is registered." : "No site serves availability zone " + wanted + ".");
        }
        List<Site> up = inZone.stream().filter(site -> site.state() == SiteState.UP).toList();
        if (up.isEmpty()) {
            String names = String.join(", ", inZone.stream().map(Site::region).toList());
            return inZone.stream().anyMatch(site -> site.state() == SiteState.DEGRADED)
                    ? new Placement.Wait("every site of " + where + " is unavailable (" + names + ")")
                    : new Placement.NoValidHost("Every site of " + where + " is disabled.");
        }
        Site site = up.stream().min(Comparator.comparingInt((Site s) -> routing.count(s.region(), ResourceKind.VOLUME))
                .thenComparing(Site::region)).orElseThrow();
        AvailabilityZone zone = site.zones().stream()
                .filter(z -> wanted == null || z.topName().equals(wanted))
                .findFirst()
                .orElseThrow();
        LOG.info("volume {} goes to site {} zone {}", volume.id(), site.region(), zone.topName());
        return new Placement.Placed(zone);
    }
}
