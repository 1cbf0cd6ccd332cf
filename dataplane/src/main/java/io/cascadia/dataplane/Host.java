package io.cascadia.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulated hypervisor: a network namespace with an underlay link ({@code ul}, the VTEP address), and per
 * network a Linux bridge ({@code br<vni>}) with a VXLAN device ({@code vx<vni>}: dstport 4789, MTU 1450, learning
 * off, ARP proxy on unless asked otherwise — proxy is fixed at creation) on it. Servers plug into the bridge with veth pairs.
 */
public final class Host {
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    static final int MTU = 1450;
    private static final String ZERO_MAC = "00:00:00:00:00:00";

    private final String name;
    private final String namespace;
    private final String vtep;
    private final Set<Integer> segments = ConcurrentHashMap.newKeySet();
    private final Map<String, String> tapsByPort = new ConcurrentHashMap<>();

    Host(String name, String namespace, String vtep) {
        this.name = name;
        this.namespace = namespace;
        this.vtep = vtep;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    /** The tunnel endpoint address (the host's underlay IP). */
    public String vtep() {
        return vtep;
    }

    /** Creates the network's bridge and VXLAN device here, once, with the ARP responder on. */
    public void ensureSegment(int vni) {
        ensureSegment(vni, true);
    }

    /**
     * Creates the network's bridge and VXLAN device here, once. With {@code arpResponder} the device answers ARP
     * requests from its neighbour entries and drops those it has no entry for; without, ARP requests are flooded like
     * any broadcast (l2 population without {@code arp_responder}). Fixed at creation.
     */
    public synchronized void ensureSegment(int vni, boolean arpResponder) {
        if (segments.contains(vni)) {
            return;
        }
        Commands.batch("ip", namespace, List.of(
                "link add br" + vni + " type bridge",
                "link set br" + vni + " mtu " + MTU,
                "link add vx" + vni + " type vxlan id " + vni + " dstport 4789 local " + vtep + " dev ul nolearning"
                        + (arpResponder ? " proxy" : ""),
                "link set vx" + vni + " mtu " + MTU,
                "link set vx" + vni + " master br" + vni,
                "link set vx" + vni + " up",
                "link set br" + vni + " up"));
        segments.add(vni);
        LOG.info("host {}: segment vni {} ready", name, vni);
    }

    /**
     * Plugs a server's port: the server namespace gets {@code eth<index>} with the port's MAC and IP, its peer joins
     * the network's bridge here. A plug that fails half-way is undone, so it can simply be tried again.
     */
    public void plug(Server server, String portId, String mac, String ipCidr, int vni, String gateway) {
        ensureSegment(vni);
        String tap = "t" + portId.replace("-", "").substring(0, 8);
        String inside = "eth" + server.nextInterfaceIndex();
        List<String> inServer = new ArrayList<>(List.of(
                "link set " + inside + " address " + mac,
                "link set " + inside + " mtu " + MTU,
                "addr add " + ipCidr + " dev " + inside,
                "link set " + inside + " up"));
        if (gateway != null) {
            inServer.add("route replace default via " + gateway + " dev " + inside);
        }
        try {
            Commands.batch("ip", namespace, List.of(
                    "link add " + tap + " mtu " + MTU + " type veth peer name " + inside + " netns " + server.namespace(),
                    "link set " + tap + " master br" + vni,
                    "link set " + tap + " up"));
            Commands.batch("ip", server.namespace(), inServer);
        } catch (DataplaneException e) {
            Commands.runQuietly(List.of("ip", "-n", namespace, "link", "del", tap));
            throw e;
        }
        tapsByPort.put(portId, tap);
        LOG.info("host {}: plugged port {} ({} {}) of server {} on vni {}", name, portId, mac, ipCidr, server.name(), vni);
    }

    public void unplug(String portId) {
        String tap = tapsByPort.remove(portId);
        if (tap != null) {
            Commands.runQuietly(List.of("ip", "-n", namespace, "link", "del", tap));
        }
    }

    /**
     * Makes the network's fdb and ARP-responder entries exactly {@code desired}: reads what the kernel has
     * ({@code bridge -j fdb}, {@code ip -j neigh}) and adds and removes the difference in two batches. Safe to call
     * again at any time, e.g. after a link flap dropped permanent entries.
     *
     * @return how many entries were added or removed
     */
    public int program(int vni, L2Table desired) {
        ensureSegment(vni);
        String device = "vx" + vni;
        Set<L2Table.Forwarding> actualForwarding = new HashSet<>();
        Set<String> actualFlood = new HashSet<>();
        for (JsonNode entry : Commands.json("bridge", namespace, "fdb", "show", "dev", device)) {
            if (!entry.has("dst")) {
                continue;
            }
            String mac = entry.path("mac").asText();
            if (mac.equals(ZERO_MAC)) {
                actualFlood.add(entry.path("dst").asText());
            } else {
                actualForwarding.add(new L2Table.Forwarding(mac, entry.path("dst").asText()));
            }
        }
        Set<L2Table.ArpEntry> actualArp = new HashSet<>();
        for (JsonNode entry : Commands.json("ip", namespace, "neigh", "show", "dev", device)) {
            if (entry.has("lladdr")) {
                actualArp.add(new L2Table.ArpEntry(entry.path("dst").asText(), entry.path("lladdr").asText()));
            }
        }

        List<String> fdb = new ArrayList<>();
        for (L2Table.Forwarding entry : actualForwarding) {
            if (!desired.forwarding().contains(entry)) {
                fdb.add("fdb del " + entry.mac() + " dev " + device + " dst " + entry.vtep() + " self");
            }
        }
        for (L2Table.Forwarding entry : desired.forwarding()) {
            if (!actualForwarding.contains(entry)) {
                fdb.add("fdb replace " + entry.mac() + " dev " + device + " dst " + entry.vtep() + " self permanent");
            }
        }
        for (String flood : actualFlood) {
            if (!desired.floodVteps().contains(flood)) {
                fdb.add("fdb del " + ZERO_MAC + " dev " + device + " dst " + flood + " self");
            }
        }
        for (String flood : desired.floodVteps()) {
            if (!actualFlood.contains(flood)) {
                fdb.add("fdb append " + ZERO_MAC + " dev " + device + " dst " + flood + " self permanent");
            }
        }
        List<String> neighbours = new ArrayList<>();
        for (L2Table.ArpEntry entry : actualArp) {
            if (!desired.arp().contains(entry)) {
                neighbours.add("neigh del " + entry.ip() + " dev " + device);
            }
        }
        for (L2Table.ArpEntry entry : desired.arp()) {
            if (!actualArp.contains(entry)) {
                neighbours.add("neigh replace " + entry.ip() + " lladdr " + entry.mac() + " dev " + device + " nud permanent");
            }
        }
        Commands.batch("bridge", namespace, fdb);
        Commands.batch("ip", namespace, neighbours);
        return fdb.size() + neighbours.size();
    }

    /** Packets received on the underlay link: what tunnels (and floods) brought to this host. */
    public long underlayPacketsReceived() {
        JsonNode links = Commands.json("ip", namespace, "-s", "link", "show", "ul");
        return links.path(0).path("stats64").path("rx").path("packets").asLong();
    }

    @Override
    public String toString() {
        return "Host[" + name + " " + vtep + "]";
    }
}
