package io.cascadia.emulator.compute;

import io.cascadia.emulator.runtime.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's hypervisors and what their servers use of them, as Nova's placement sees it. A server is placed on
 * the host of its zone with the most free memory that fits its flavor (Nova's default spreading weigher); its usage
 * is released when it is deleted or its build fails. Thread-safe.
 */
final class ComputeHosts {
    /** One host and its usage. */
    static final class Usage {
        final Host host;
        private int vcpus;
        private long memoryMb;
        private long diskGb;
        private int servers;

        Usage(Host host) {
            this.host = host;
        }

        synchronized boolean fits(Flavor flavor) {
            return vcpus + flavor.vcpus() <= host.capacity().vcpus()
                    && memoryMb + flavor.ramMb() <= host.capacity().memoryMb()
                    && diskGb + flavor.diskGb() + flavor.ephemeralGb() <= host.capacity().diskGb();
        }

        synchronized void add(Flavor flavor, int sign) {
            vcpus += sign * flavor.vcpus();
            memoryMb += (long) sign * flavor.ramMb();
            diskGb += (long) sign * (flavor.diskGb() + flavor.ephemeralGb());
            servers += sign;
        }

        synchronized int vcpusUsed() {
            return vcpus;
        }

        synchronized long memoryMbUsed() {
            return memoryMb;
        }

        synchronized long diskGbUsed() {
            return diskGb;
        }

        synchronized int servers() {
            return servers;
        }
    }

    private final Map<String, Usage> usages = new LinkedHashMap<>();

    ComputeHosts(List<Host> hosts) {
        hosts.forEach(host -> usages.put(host.name(), new Usage(host)));
    }

    List<Usage> all() {
        return List.copyOf(usages.values());
    }

    Optional<Host> find(String name) {
        return Optional.ofNullable(usages.get(name)).map(usage -> usage.host);
    }

    boolean hasZone(String zone) {
        return usages.values().stream().anyMatch(usage -> usage.host.availabilityZone().equals(zone));
    }

    List<String> zones() {
        return usages.values().stream().map(usage -> usage.host.availabilityZone()).distinct().toList();
    }

    /**
     * Claims room for a flavor on a host of the zone (any zone when null), or on the forced host; empty when none
     * has room.
     */
    synchronized Optional<Host> place(Flavor flavor, String zone, String forcedHost) {
        Usage best = null;
        for (Usage usage : usages.values()) {
            if ((forcedHost != null && !usage.host.name().equals(forcedHost))
                    || (zone != null && !usage.host.availabilityZone().equals(zone))
                    || !usage.fits(flavor)) {
                continue;
            }
            if (best == null || free(usage) > free(best)) {
                best = usage;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        best.add(flavor, 1);
        return Optional.of(best.host);
    }

    /** Gives back what a server used on its host. */
    synchronized void release(String host, Flavor flavor) {
        Usage usage = host == null ? null : usages.get(host);
        if (usage != null) {
            usage.add(flavor, -1);
        }
    }

    private static long free(Usage usage) {
        return usage.host.capacity().memoryMb() - usage.memoryMbUsed();
    }
}
