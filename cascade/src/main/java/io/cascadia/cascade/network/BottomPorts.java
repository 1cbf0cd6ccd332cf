package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.Port;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.sites.NeutronApi;
import io.cascadia.store.network.PortBindings;
import io.cascadia.store.routing.RoutingTable;

/**
 * Copies of top ports in sites, with the top's MAC and IPs (central IPAM), so a port is the same on the wire in
 * every site that holds it. Named {@code name@<top id>} and tagged {@code cascadia_top_id}.
 */
public final class BottomPorts {
    public static final String PORT = "port";
    public static final String REMOTE_PORT = "remote_port";

    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final BottomCopies copies;
    private final PortBindings bindings;

    public BottomPorts(SiteRegistry sites, RoutingTable routing, BottomCopies copies, PortBindings bindings) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.copies = requireNonNull(copies, "copies is null");
        this.bindings = requireNonNull(bindings, "bindings is null");
    }

    /**
     * Gets or creates the port's copy on the network's copy in the site; returns the bottom port id. Only the job of
     * the port's server makes it, claimed at {@code claimedAt} (see {@link BottomCopies#ensureOwned}).
     */
    public String ensure(Port port, String region, BottomNetworks.Placed network, java.time.Instant claimedAt) {
        NeutronApi neutron = sites.client(region).neutron(port.projectId());
        String name = BottomNames.of(port.name(), port.id());
        return copies.ensureOwned(port.id(), PORT, region, new BottomCopies.Recipe(
                id -> neutron.find("port", id).isPresent(),
                () -> BottomNetworks.first(neutron.list("port", "name", name, "network_id", network.bottomNetworkId())),
                () -> create(neutron, port, name, network)), claimedAt);
    }

    /** Deletes the port's copy in the site, if there is one. */
    public void delete(String portId, String projectId, String region) {
        routing.find(portId, PORT, region).ifPresent(row -> {
            if (row.bottomId() != null) {
                sites.client(region).neutron(projectId).delete("port", row.bottomId());
            }
            routing.remove(portId, PORT, region);
            bindings.forget(portId, region);
        });
    }

    private static String create(NeutronApi neutron, Port port, String name, BottomNetworks.Placed network) {
        ObjectNode body = Json.object()
                .put("name", name)
                .put("network_id", network.bottomNetworkId())
                .put("mac_address", port.macAddress())
                .put("admin_state_up", port.adminStateUp());
        ArrayNode fixedIps = body.putArray("fixed_ips");
        for (FixedIp ip : port.fixedIps()) {
            String bottomSubnet = network.bottomSubnetIds().get(ip.subnetId());
            if (bottomSubnet == null) {
                throw new IllegalStateException("subnet " + ip.subnetId() + " of port " + port.id() + " has no copy in the site");
            }
            fixedIps.addObject().put("subnet_id", bottomSubnet).put("ip_address", ip.ipAddress());
        }
        String id = neutron.create("port", body).path("id").asText();
        neutron.tag("port", id, BottomNames.tag(port.id()));
        return id;
    }
}
