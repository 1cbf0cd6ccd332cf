package io.cascadia.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What l2 population saves over flooding, counted on the underlay for the first ping between two servers in a
 * five-host layout where three hosts have a server on the network (two "sites": hosts 1-3 and 4-5). Plain flooding
 * sends every broadcast and unknown unicast to every VTEP; l2 population floods only to VTEPs with ports on the
 * network and knows every MAC's VTEP; its ARP responder also answers ARP on the asking host.
 */
class FloodingComparisonTest {
    private static final int VNI = 4242;
    private Dataplane dataplane;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private Server a;
    private Server b;

    private record Plugged(Host host, String mac, String ip) {
    }

    private Plugged portA;
    private Plugged portB;
    private Plugged portC;

    @BeforeEach
    void requireRoot() {
        Dataplane.unavailableReason().ifPresent(Assumptions::abort);
    }

    /** Five hosts, servers A on h1, C on h2 and B on h4; the ARP responder is fixed when a segment is made. */
    private void build(boolean arpResponder) {
        dataplane = Dataplane.start("cfl");
        hosts.clear();
        for (String[] host : new String[][] {{"h1", "100.64.1.1"}, {"h2", "100.64.1.2"}, {"h3", "100.64.1.3"},
            {"h4", "100.64.2.1"}, {"h5", "100.64.2.2"}}) {
            hosts.put(host[0], dataplane.addHost(host[0], host[1] + "/10"));
        }
        dataplane.pinUnderlayNeighbours();
        a = dataplane.addServer("aaaaaaaa-0000-0000-0000-00000000000a");
        b = dataplane.addServer("bbbbbbbb-0000-0000-0000-00000000000b");
        Server c = dataplane.addServer("cccccccc-0000-0000-0000-00000000000c");
        portA = plug("h1", a, "aaaaaaaa-port", "fa:16:3e:00:00:0a", "10.7.0.10", arpResponder);
        portC = plug("h2", c, "cccccccc-port", "fa:16:3e:00:00:0c", "10.7.0.12", arpResponder);
        portB = plug("h4", b, "bbbbbbbb-port", "fa:16:3e:00:00:0b", "10.7.0.11", arpResponder);
    }

    private Plugged plug(String host, Server server, String portId, String mac, String ip, boolean arpResponder) {
        hosts.get(host).ensureSegment(VNI, arpResponder);
        hosts.get(host).plug(server, portId, mac, ip + "/24", VNI, null);
        return new Plugged(hosts.get(host), mac, ip);
    }

    @AfterEach
    void tearDown() {
        if (dataplane != null) {
            dataplane.close();
        }
    }

    @Test
    void l2PopulationWithTheArpResponderSendsTheFewestPacketsAndNoneToUninvolvedHosts() {
        Map<String, Long> flooding = firstPing(false, port -> new L2Table(Set.of(), Set.of(),
                otherVteps(port, List.copyOf(hosts.values()))));
        Map<String, Long> pruned = firstPing(false, port -> new L2Table(forwarding(port), Set.of(), otherVteps(port, hostsOfPorts())));
        Map<String, Long> responder = firstPing(true, port -> new L2Table(forwarding(port), arp(port), otherVteps(port, hostsOfPorts())));

        System.out.printf("first ping h1 -> h4, underlay packets received per host (h1, h2 and h4 have ports):%n"
                        + "  flood to all VTEPs:            %s, total %d%n"
                        + "  l2pop, no ARP responder:       %s, total %d%n"
                        + "  l2pop with ARP responder:      %s, total %d%n",
                flooding, total(flooding), pruned, total(pruned), responder, total(responder));
        assertThat(total(responder)).isEqualTo(2);
        assertThat(total(pruned)).isGreaterThan(total(responder));
        assertThat(total(flooding)).isGreaterThan(total(pruned));
        for (String idle : List.of("h3", "h5")) {
            assertThat(pruned.get(idle)).as("l2pop floods %s, which has no port", idle).isZero();
            assertThat(responder.get(idle)).isZero();
            assertThat(flooding.get(idle)).as("flooding reaches %s", idle).isPositive();
        }
        assertThat(responder.get("h2")).as("h2 has a port but is not in the conversation").isZero();
    }

    /**
     * Builds the layout, programs every hosting host with its table, then counts what the first ping from A to B
     * brings to each host.
     */
    private Map<String, Long> firstPing(boolean arpResponder, Function<Plugged, L2Table> tableOf) {
        build(arpResponder);
        try {
            for (Plugged port : ports()) {
                port.host().program(VNI, tableOf.apply(port));
            }
            awaitQuietUnderlay();
            Map<String, Long> before = counts();
            assertThat(a.succeeds("ping", "-c", "1", "-W", "2", portB.ip())).isTrue();
            Map<String, Long> after = counts();
            Map<String, Long> delta = new LinkedHashMap<>();
            after.forEach((name, count) -> delta.put(name, count - before.get(name)));
            return delta;
        } finally {
            dataplane.close();
            dataplane = null;
        }
    }

    private List<Plugged> ports() {
        return List.of(portA, portB, portC);
    }

    private Set<L2Table.Forwarding> forwarding(Plugged self) {
        return ports().stream().filter(p -> p != self).map(p -> new L2Table.Forwarding(p.mac(), p.host().vtep()))
                .collect(Collectors.toSet());
    }

    private Set<L2Table.ArpEntry> arp(Plugged self) {
        return ports().stream().filter(p -> p != self).map(p -> new L2Table.ArpEntry(p.ip(), p.mac())).collect(Collectors.toSet());
    }

    private List<Host> hostsOfPorts() {
        return ports().stream().map(Plugged::host).toList();
    }

    private static Set<String> otherVteps(Plugged self, List<Host> candidates) {
        return candidates.stream().map(Host::vtep).filter(vtep -> !vtep.equals(self.host().vtep())).collect(Collectors.toSet());
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        hosts.forEach((name, host) -> counts.put(name, host.underlayPacketsReceived()));
        return counts;
    }

    /** See {@code DataplaneTest}: new interfaces send IGMP reports for a while; count only once the underlay is quiet. */
    private void awaitQuietUnderlay() {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Map<String, Long> last = counts();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 2_500_000_000L) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the underlay never went quiet");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            Map<String, Long> now = counts();
            if (!now.equals(last)) {
                quietSince = System.nanoTime();
                last = now;
            }
        }
    }
}
