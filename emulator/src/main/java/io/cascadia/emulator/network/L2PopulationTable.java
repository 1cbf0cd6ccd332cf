package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The forwarding state l2 population gives each L2 agent of the site: for every tunnelled network that has an
 * ACTIVE port on the agent's host, one FDB entry (MAC to remote VTEP) and one ARP responder entry (IP to MAC) per
 * address of every other ACTIVE port on that network whose VTEP is elsewhere — on another host of the site, or a
 * remote VTEP named in a port's binding profile (cross-site L2) — and the flood list of those VTEPs.
 *
 * <p>The table is derived from the ports each time it is read, so it always matches them: a port going up or
 * down, bound or unbound, created or deleted is reflected at the next read, as the next l2pop message would carry
 * it. A dataplane reconciles its FDB and neighbour entries against this snapshot.
 */
public final class L2PopulationTable {
    private static final Set<String> TUNNEL_TYPES = Set.of("vxlan", "geneve", "gre");

    /** One FDB and ARP responder entry: a port's MAC and one of its addresses (null when it has none) behind a VTEP. */
    public record Entry(String portId, String macAddress, String ipAddress, String vtep) {
    }

    /** The entries of one network on one agent, and the VTEPs broadcast is flooded to. */
    public record NetworkEntries(String networkId, String networkType, Integer segmentationId, List<String> floodVteps,
                                 List<Entry> entries) {
    }

    /** Everything one agent is programmed with. */
    public record AgentTable(String agentId, String host, String tunnelIp, List<NetworkEntries> networks) {
    }

    private final NeutronState state;

    L2PopulationTable(NeutronState state) {
        this.state = state;
    }

    /** The table of the L2 agent with this id or on this host; empty when the site has no such agent. */
    public Optional<AgentTable> forAgent(String agentIdOrHost) {
        for (Host host : state.hosts().values()) {
            if (host.agentId().equals(agentIdOrHost) || host.name().equals(agentIdOrHost)) {
                return Optional.of(tableOf(host));
            }
        }
        return Optional.empty();
    }

    private AgentTable tableOf(Host host) {
        TreeSet<String> localNetworks = new TreeSet<>();
        for (String portId : state.portIdsOnHost(host.name())) {
            state.ports.find(portId)
                    .filter(port -> port.status() == PortStatus.ACTIVE)
                    .ifPresent(port -> localNetworks.add(port.networkId()));
        }
        List<NetworkEntries> networks = new ArrayList<>();
        for (String networkId : localNetworks) {
            Network network = state.networks.find(networkId).orElse(null);
            if (network == null || !TUNNEL_TYPES.contains(network.segment().networkType())) {
                continue;
            }
            List<Entry> entries = new ArrayList<>();
            TreeMap<String, Boolean> flood = new TreeMap<>();
            for (String portId : state.portIdsOnNetwork(networkId)) {
                Port port = state.ports.find(portId).orElse(null);
                if (port == null || port.status() != PortStatus.ACTIVE) {
                    continue;
                }
                String vtep = vtepOf(port);
                if (vtep == null || vtep.equals(host.tunnelIp())) {
                    continue;
                }
                flood.put(vtep, true);
                if (port.fixedIps().isEmpty()) {
                    entries.add(new Entry(port.id(), port.macAddress(), null, vtep));
                }
                for (FixedIp ip : port.fixedIps()) {
                    entries.add(new Entry(port.id(), port.macAddress(), ip.ipAddress(), vtep));
                }
            }
            networks.add(new NetworkEntries(networkId, network.segment().networkType(), network.segment().segmentationId(),
                    List.copyOf(flood.keySet()), List.copyOf(entries)));
        }
        return new AgentTable(host.agentId(), host.name(), host.tunnelIp(), List.copyOf(networks));
    }

    /** The VTEP behind a bound port: its host's tunnel IP, or the remote one of its binding profile. */
    private String vtepOf(Port port) {
        Host local = state.hosts().get(port.binding().hostId());
        return local != null ? local.tunnelIp() : port.binding().remoteTunnelIp();
    }
}
