package io.cascadia.dataplane;

import java.util.Set;

/**
 * What l2 population says one host needs on one network (VXLAN VNI): where each remote MAC lives
 * ({@link Forwarding}), which IP answers to which MAC for the ARP responder ({@link ArpEntry}), and which remote
 * VTEPs get broadcast and unknown traffic (only those with ports on the network).
 */
public record L2Table(Set<Forwarding> forwarding, Set<ArpEntry> arp, Set<String> floodVteps) {
    public L2Table {
        forwarding = Set.copyOf(forwarding);
        arp = Set.copyOf(arp);
        floodVteps = Set.copyOf(floodVteps);
    }

    /** A remote MAC and the tunnel endpoint behind which it lives. */
    public record Forwarding(String mac, String vtep) {
        public Forwarding {
            mac = mac.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An IP and the MAC the ARP responder answers for it. */
    public record ArpEntry(String ip, String mac) {
        public ArpEntry {
            mac = mac.toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static L2Table empty() {
        return new L2Table(Set.of(), Set.of(), Set.of());
    }
}
