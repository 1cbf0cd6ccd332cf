package io.cascadia.app;

import io.cascadia.dataplane.Host;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Packets received on hosts' underlay links, for counting what a ping sends across the tunnels. */
final class UnderlayCounters {
    private UnderlayCounters() {
    }

    static Map<String, Long> read(Map<String, Host> hosts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        hosts.forEach((name, host) -> counts.put(name, host.underlayPacketsReceived()));
        return counts;
    }

    static Map<String, Long> since(Map<String, Long> before, Map<String, Host> hosts) {
        Map<String, Long> now = read(hosts);
        Map<String, Long> delta = new LinkedHashMap<>();
        now.forEach((name, count) -> delta.put(name, count - before.get(name)));
        return delta;
    }

    /**
     * Waits until no host received anything for 2.5 s: interfaces that just came up send unsolicited IGMP reports for
     * a second or two, which l2 population rightly floods to the related hosts; counts taken after are the ping's.
     */
    static void awaitQuiet(Collection<Host> hosts) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<Long> last = hosts.stream().map(Host::underlayPacketsReceived).toList();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 2_500_000_000L) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the underlay never went quiet");
            }
            CrossSiteCloud.sleep(250);
            List<Long> now = hosts.stream().map(Host::underlayPacketsReceived).toList();
            if (!now.equals(last)) {
                quietSince = System.nanoTime();
                last = now;
            }
        }
    }
}
