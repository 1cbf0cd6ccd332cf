package io.cascadia.emulator.dataplane;

import static java.util.Objects.requireNonNull;

import io.cascadia.dataplane.Dataplane;
import io.cascadia.dataplane.DataplaneException;
import io.cascadia.dataplane.L2Table;
import io.cascadia.dataplane.Server;
import io.cascadia.emulator.network.EmulatedNeutron;
import io.cascadia.emulator.network.L2PopulationTable;
import io.cascadia.emulator.network.PluggedPorts;
import io.cascadia.emulator.runtime.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real dataplane of one emulated site (DESIGN §4, "dataplane proof"): every host is a namespace of the shared
 * {@link Dataplane} with its tunnel IP as VTEP, every server with a plugged port a namespace whose interface is
 * wired into its host's bridge for the network's VNI, and every L2 agent's fdb and ARP-responder entries are its
 * l2 population table. One thread per site reconciles, level-triggered: right after any port change, and every
 * {@code resync} against what the kernel reports, which puts back the permanent entries a link flap dropped. A
 * failed pass is logged and tried again on the next.
 */
public final class SiteDataplane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteDataplane.class);

    /** A server as wired here: its namespace, its host's namespace and its interfaces. */
    public record WiredServer(String serverId, String namespace, String host, String hostNamespace,
                              List<PluggedPorts.Plugged> interfaces) {
        public WiredServer {
            interfaces = List.copyOf(interfaces);
        }
    }

    private final String region;
    private final Dataplane dataplane;
    private final EmulatedNeutron neutron;
    private final Duration resync;
    private final Map<String, io.cascadia.dataplane.Host> hosts = new LinkedHashMap<>();
    private final Map<String, PluggedPorts.Plugged> plugged = new ConcurrentHashMap<>();
    private final Set<String> servers = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<Integer, L2Table>> programmed = new HashMap<>();
    private final Semaphore changes = new Semaphore(0);
    private final Thread loop;
    private volatile boolean running = true;

    private SiteDataplane(String region, Dataplane dataplane, List<Host> siteHosts, EmulatedNeutron neutron, Duration resync) {
        this.region = region;
        this.dataplane = dataplane;
        this.neutron = neutron;
        this.resync = resync;
        for (Host host : siteHosts) {
            hosts.put(host.name(), dataplane.addHost(host.name(), host.tunnelIp() + "/10"));
            programmed.put(host.name(), new HashMap<>());
        }
        neutron.onPortChange(changes::release);
        this.loop = Thread.ofPlatform().name("dataplane-" + region).daemon().start(this::run);
    }

    /**
     * Adds the site's hosts to the dataplane (VTEPs in 100.64.0.0/10, so the tunnel IPs must lie in it) and starts
     * reconciling.
     *
     * @throws DataplaneException when a host namespace cannot be made
     */
    public static SiteDataplane start(String region, Dataplane dataplane, List<Host> hosts, EmulatedNeutron neutron,
                                      Duration resync) {
        requireNonNull(dataplane, "dataplane is null");
        for (Host host : hosts) {
            if (!inSharedAddressSpace(host.tunnelIp())) {
                throw new IllegalArgumentException("a dataplane host's tunnel IP must lie in 100.64.0.0/10, got: " + host.tunnelIp());
            }
        }
        return new SiteDataplane(region, dataplane, hosts, neutron, resync);
    }

    /** The server's namespace and interfaces, once one of its ports is wired; empty otherwise. */
    public Optional<WiredServer> server(String serverId) {
        List<PluggedPorts.Plugged> interfaces = plugged.values().stream().filter(p -> p.serverId().equals(serverId)).toList();
        Server server = dataplane.server(serverId);
        if (interfaces.isEmpty() || server == null) {
            return Optional.empty();
        }
        String host = interfaces.getFirst().host();
        return Optional.of(new WiredServer(serverId, server.namespace(), host, hosts.get(host).namespace(), interfaces));
    }

    /** The namespace of one of the site's hosts, by host name. */
    public Optional<io.cascadia.dataplane.Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    private void run() {
        long lastFull = 0;
        while (running) {
            try {
                boolean changed = changes.tryAcquire(resync.toMillis(), TimeUnit.MILLISECONDS);
                changes.drainPermits();
                boolean full = !changed || System.nanoTime() - lastFull > resync.toNanos();
                reconcile(full);
                if (full) {
                    lastFull = System.nanoTime();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("dataplane pass of site {} failed, trying again: {}", region, e.toString());
                sleep();
            }
        }
    }

    /** One pass: wire and unwire server ports, then program every agent's table ({@code full}: checked against the kernel). */
    private void reconcile(boolean full) {
        Map<String, PluggedPorts.Plugged> wanted = new LinkedHashMap<>();
        for (PluggedPorts.Plugged port : neutron.pluggedPorts().all()) {
            if (!port.addresses().isEmpty()) {
                wanted.put(port.portId(), port);
            }
        }
        for (PluggedPorts.Plugged port : List.copyOf(plugged.values())) {
            if (!port.equals(wanted.get(port.portId()))) {
                hosts.get(port.host()).unplug(port.portId());
                plugged.remove(port.portId());
                LOG.info("site {}: unplugged port {} of server {}", region, port.portId(), port.serverId());
            }
        }
        Set<String> inUse = new HashSet<>();
        wanted.values().forEach(port -> inUse.add(port.serverId()));
        for (String serverId : List.copyOf(servers)) {
            if (!inUse.contains(serverId)) {
                dataplane.removeServer(serverId);
                servers.remove(serverId);
                LOG.info("site {}: removed the namespace of server {}", region, serverId);
            }
        }
        for (PluggedPorts.Plugged port : wanted.values()) {
            if (!plugged.containsKey(port.portId())) {
                wire(port);
            }
        }
        for (Map.Entry<String, io.cascadia.dataplane.Host> host : hosts.entrySet()) {
            program(host.getKey(), host.getValue(), full);
        }
    }

    private void wire(PluggedPorts.Plugged port) {
        try {
            Server server = dataplane.server(port.serverId());
            if (server == null) {
                server = dataplane.addServer(port.serverId());
                servers.add(port.serverId());
            }
            hosts.get(port.host()).plug(server, port.portId(), port.macAddress(), port.addresses().getFirst(), port.vni(),
                    port.gateway());
            plugged.put(port.portId(), port);
        } catch (DataplaneException e) {
            LOG.warn("site {}: wiring port {} of server {} failed, trying again: {}", region, port.portId(), port.serverId(),
                    e.getMessage());
        }
    }

    private void program(String hostName, io.cascadia.dataplane.Host host, boolean full) {
        L2PopulationTable.AgentTable table = neutron.l2Population().forAgent(hostName).orElseThrow();
        Map<Integer, L2Table> desired = new HashMap<>();
        for (L2PopulationTable.NetworkEntries network : table.networks()) {
            if ("vxlan".equals(network.networkType()) && network.segmentationId() != null) {
                desired.put(network.segmentationId(), l2Table(network));
            }
        }
        Map<Integer, L2Table> done = programmed.get(hostName);
        for (Integer vni : new ArrayList<>(done.keySet())) {
            desired.putIfAbsent(vni, L2Table.empty());
        }
        desired.forEach((vni, wanted) -> {
            if (full || !wanted.equals(done.get(vni))) {
                int changes = host.program(vni, wanted);
                if (changes > 0) {
                    LOG.info("site {}: agent {} vni {}: {} fdb/neighbour entries changed", region, hostName, vni, changes);
                }
                if (wanted.equals(L2Table.empty())) {
                    done.remove(vni);
                } else {
                    done.put(vni, wanted);
                }
            }
        });
    }

    static L2Table l2Table(L2PopulationTable.NetworkEntries network) {
        Set<L2Table.Forwarding> forwarding = new HashSet<>();
        Set<L2Table.ArpEntry> arp = new HashSet<>();
        for (L2PopulationTable.Entry entry : network.entries()) {
            forwarding.add(new L2Table.Forwarding(entry.macAddress(), entry.vtep()));
            if (entry.ipAddress() != null && !entry.ipAddress().contains(":")) {
                arp.add(new L2Table.ArpEntry(entry.ipAddress(), entry.macAddress()));
            }
        }
        return new L2Table(forwarding, arp, new HashSet<>(network.floodVteps()));
    }

    private static boolean inSharedAddressSpace(String ip) {
        String[] octets = ip.split("\\.");
        return octets.length == 4 && octets[0].equals("100") && Integer.parseInt(octets[1]) >= 64
                && Integer.parseInt(octets[1]) <= 127;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reconciling and removes the site's server namespaces; the hosts go when the shared dataplane closes. */
    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        servers.forEach(dataplane::removeServer);
        servers.clear();
    }
}
