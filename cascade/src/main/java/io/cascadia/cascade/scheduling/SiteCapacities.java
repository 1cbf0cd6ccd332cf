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
 * What each site can still take, from its hypervisors ({@code os-hypervisors/detail}), read in the background every
 * {@code refresh} (so scheduling never waits for a site) and lowered by every placement made since, so concurrent
 * creates spread instead of piling onto the site that looked emptiest. Allocation ratios are Nova's initial
 * defaults.
 */
public final class SiteCapacities implements AutoCloseable {
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
    private final Map<String, Object> readers = new ConcurrentHashMap<>();
    private final java.util.Set<String> reading = ConcurrentHashMap.newKeySet();

    private final java.util.concurrent.ScheduledExecutorService refresher;

    public SiteCapacities(SiteRegistry sites, Clock clock, Duration refresh) {
        this.sites = requireNonNull(sites, "sites is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.refresh = requireNonNull(refresh, "refresh is null");
        this.refresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("site-capacities").daemon().factory());
        refresher.scheduleWithFixedDelay(this::refreshAll, 0, Math.max(refresh.toMillis() / 2, 100),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Reads every up site whose reading is getting old, each on its own virtual thread. */
    private void refreshAll() {
        try {
            for (io.cascadia.core.sites.Site site : sites.list()) {
                Capacity known = capacities.get(site.region());
                boolean ageing = known == null || known.readAt().plus(refresh.dividedBy(2)).isBefore(clock.instant());
                if (site.schedulable() && ageing && reading.add(site.region())) {
                    Thread.ofVirtual().start(() -> {
                        try {
                            capacities.put(site.region(), read(site.region()));
                        } catch (RuntimeException e) {
                            // an unreachable site is the health monitor's business; the old reading stays
                        } finally {
                            reading.remove(site.region());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            // the next round tries again
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /**
     * The site's free capacity now; reads the hypervisors when the last reading is too old. One reader per site at a
     * time; other callers meanwhile use the old reading rather than wait for the site.
     */
    public Capacity of(String region) {
        Capacity known = capacities.get(region);
        if (known != null && isFresh(known)) {
            return known;
        }
        if (known != null && !reading.add(region)) {
            return known;
        }
        try {
            synchronized (readers.computeIfAbsent(region, r -> new Object())) {
                Capacity current = capacities.get(region);
                if (current != null && isFresh(current)) {
                    return current;
                }
                Capacity read = read(region);
                capacities.put(region, read);
                return read;
            }
        } finally {
            reading.remove(region);
        }
    }

    /** Takes a placement off the site's free capacity until the next reading; false when it no longer fits. */
    public boolean reserve(String region, ServerFlavor flavor) {
        of(region);
        boolean[] reserved = {false};
        capacities.computeIfPresent(region, (r, capacity) -> {
            reserved[0] = capacity.fits(flavor);
            return reserved[0] ? capacity.minus(flavor) : capacity;
        });
        return reserved[0];
    }

    private boolean isFresh(Capacity capacity) {
        return capacity.readAt().plus(refresh).isAfter(clock.instant());
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
