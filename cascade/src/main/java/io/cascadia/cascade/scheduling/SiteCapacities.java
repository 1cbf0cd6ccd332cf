package io.cascadia.cascade.scheduling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.ServerFlavor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each site can still take, from its hypervisors ({@code os-hypervisors/detail}), read at most once per
 * {@code refresh} and lowered by every placement made since, so concurrent creates spread instead of piling onto
 * the site that looked emptiest. Allocation ratios are Nova's initial defaults.
 */
public final class SiteCapacities {
    static final double CPU_ALLOCATION_RATIO = 16.0;
    static final double RAM_ALLOCATION_RATIO = 1.5;
    static final double DISK_ALLOCATION_RATIO = 1.0;

    /** Free resources of a site, after allocation ratios. */
    public record Capacity(double vcpus, double ramMb, double diskGb, Instant readAt) {
        boolean fits(ServerFlavor flavor) {
            return vcpus >= flavor.vcpus() && ramMb >= flavor.ramMb() && diskGb >= flavor.diskGb() + flavor.ephemeralGb();
        }

        Capacity minus(ServerFlavor flavor) {
            return new Capacity(vcpus - flavor.vcpus(), ramMb - flavor.ramMb(), diskGb - flavor.diskGb() - flavor.ephemeralGb(), readAt);
        }
    }

    private final SiteRegistry sites;
    private final Clock clock;
    private final Duration refresh;
    private final Map<String, Capacity> capacities = new ConcurrentHashMap<>();

    public SiteCapacities(SiteRegistry sites, Clock clock, Duration refresh) {
        this.sites = requireNonNull(sites, "sites is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.refresh = requireNonNull(refresh, "refresh is null");
    }

    /** The site's free capacity now; reads the hypervisors when the last reading is too old. */
    public Capacity of(String region) {
        Capacity known = capacities.get(region);
        if (known != null && known.readAt().plus(refresh).isAfter(clock.instant())) {
            return known;
        }
        Capacity fresh = read(region);
        capacities.put(region, fresh);
        return fresh;
    }

    /** Takes a placement off the site's free capacity until the next reading. */
    public synchronized boolean reserve(String region, ServerFlavor flavor) {
        Capacity capacity = of(region);
        if (!capacity.fits(flavor)) {
            return false;
        }
        capacities.put(region, capacity.minus(flavor));
        return true;
    }

    private Capacity read(String region) {
        double vcpus = 0;
        double ram = 0;
        double disk = 0;
        for (JsonNode hypervisor : sites.client(region).nova(null).hypervisors()) {
            if (!"up".equals(hypervisor.path("state").asText("up")) || !"enabled".equals(hypervisor.path("status").asText("enabled"))) {
                continue;
            }
            vcpus += hypervisor.path("vcpus").asDouble() * CPU_ALLOCATION_RATIO - hypervisor.path("vcpus_used").asDouble();
            ram += hypervisor.path("memory_mb").asDouble() * RAM_ALLOCATION_RATIO - hypervisor.path("memory_mb_used").asDouble();
            disk += hypervisor.path("local_gb").asDouble() * DISK_ALLOCATION_RATIO - hypervisor.path("local_gb_used").asDouble();
        }
        return new Capacity(vcpus, ram, disk, clock.instant());
    }
}
