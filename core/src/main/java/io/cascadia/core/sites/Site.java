package io.cascadia.core.sites;

import java.time.Instant;
import java.util.List;

/**
 * A cascaded OpenStack, known by its Keystone region.
 *
 * @param region the site's region in the catalog; also its name
 * @param state health, see {@link SiteState}
 * @param stateSince when the state last changed
 * @param lastError why it is degraded, or null
 * @param zones its availability zones with their top names
 */
public record Site(String region, SiteState state, Instant stateSince, String lastError, Instant createdAt,
                   List<AvailabilityZone> zones) {
    public Site {
        zones = List.copyOf(zones);
    }

    /** Whether new resources may be placed here. */
    public boolean schedulable() {
        return state == SiteState.UP;
    }
}
