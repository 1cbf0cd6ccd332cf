package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Host;
import java.util.ArrayList;
import java.util.List;

/**
 * The server interfaces a dataplane must wire: every ACTIVE port of a server (device owner {@code compute:...})
 * plugged on one of the site's hosts, on a VXLAN network, with what the interface needs inside the server.
 */
public final class PluggedPorts {
    /**
     * One server interface.
     *
     * @param addresses the port's IPv4 addresses with their subnet's prefix, e.g. {@code 10.0.0.5/24}
     * @param gateway the first subnet's gateway, or null
     */
    public record Plugged(String portId, String serverId, String host, String macAddress, List<String> addresses,
                          String gateway, int vni) {
        public Plugged {
            addresses = List.copyOf(addresses);
        }
    }

    private final NeutronState state;

    PluggedPorts(NeutronState state) {
        this.state = state;
    }

    /** A snapshot of the plugged server ports of every host of the site. */
    public List<Plugged> all() {
        List<Plugged> plugged = new ArrayList<>();
        for (Host host : state.hosts().values()) {
            for (String portId : state.portIdsOnHost(host.name())) {
                Port port = state.ports.find(portId).orElse(null);
                if (port == null || port.status() != PortStatus.ACTIVE || !port.deviceOwner().startsWith("compute:")
                        || port.deviceId().isEmpty()) {
                    continue;
                }
                Network network = state.networks.find(port.networkId()).orElse(null);
                if (network == null || !Segment.VXLAN.equals(network.segment().networkType())) {
                    continue;
                }
                List<String> addresses = new ArrayList<>();
                String gateway = null;
                for (FixedIp ip : port.fixedIps()) {
                    Subnet subnet = state.subnets.find(ip.subnetId()).orElse(null);
                    if (subnet != null && subnet.ipVersion() == 4) {
                        addresses.add(ip.ipAddress() + "/" + subnet.cidr().prefixLength());
                        gateway = gateway != null ? gateway : subnet.gatewayIp();
                    }
                }
                plugged.add(new Plugged(port.id(), port.deviceId(), host.name(), port.macAddress(), addresses, gateway,
                        network.segment().segmentationId()));
            }
        }
        return List.copyOf(plugged);
    }
}
