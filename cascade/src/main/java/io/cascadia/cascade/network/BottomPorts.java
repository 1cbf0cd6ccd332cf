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
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.sites.NeutronApi;
import io.cascadia.sites.SiteException;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.network.PortBindings;
import io.cascadia.store.routing.RoutingTable;
import java.time.Instant;

/**
 * Copies of top ports in sites, with the top's MAC and IPs (central IPAM), so a port is the same on the wire in
 * every site that holds it. Named {@code name@<top id>} and tagged {@code cascadia_top_id}.
 */
public final class BottomPorts {

    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final BottomCopies copies;
    private final PortBindings bindings;
    private final RemotePorts remotePorts;
    private final RemotePortJobs remotePortJobs;
    private final BottomNetworks networks;

    public BottomPorts(SiteRegistry sites, RoutingTable routing, BottomCopies copies, PortBindings bindings,
                       RemotePorts remotePorts, RemotePortJobs remotePortJobs, BottomNetworks networks) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.copies = requireNonNull(copies, "copies is null");
        this.bindings = requireNonNull(bindings, "bindings is null");
        this.remotePorts = requireNonNull(remotePorts, "remotePorts is null");
        this.remotePortJobs = requireNonNull(remotePortJobs, "remotePortJobs is null");
        this.networks = requireNonNull(networks, "networks is null");
    }

    /**
     * Gets or creates the port's copy on the network's copy in the site; returns the bottom port id. Only the job of
     * the port's server makes it, claimed at {@code claimedAt} (see {@link BottomCopies#ensureOwned}). A remote copy
     * of the port there (it lived in another site until now) is removed first: the two would clash on MAC and IP,
     * and the remote copy, which has the same name, must not be adopted. Only a port proven Cascadia's copy
     * ({@link Ownership}) is adopted; the network copy must still be in use when the port is made
     * ({@link BottomNetworks#checkUsable}).
     */
    public String ensure(Port port, String region, BottomNetworks.Placed network, Instant claimedAt) {
        NeutronApi neutron = sites.client(region).neutron(port.projectId());
        String name = BottomNames.of(port.name(), port.id());
        return copies.ensureOwned(port.id(), ResourceKind.PORT, region, new BottomCopies.Recipe(
                id -> neutron.find("port", id).isPresent(),
                () -> neutron.list("port", "name", name, "network_id", network.bottomNetworkId()).stream()
                        .filter(found -> !RemotePorts.DEVICE_OWNER.equals(found.path("device_owner").asText()))
                        .map(SiteResources::neutron)
                        .filter(found -> Ownership.isCopyOf(found, port.id(), port.projectId()))
                        .map(Ownership.SiteResource::id)
                        .findFirst(),
                () -> {
                    networks.checkUsable(port.networkId(), region, network.bottomNetworkId());
                    remotePorts.removeCopyOf(port, region, network.bottomNetworkId());
                    try {
                        return create(neutron, port, name, network);
                    } catch (SiteException.Rejected refused) {
                        if (!refused.isConflict()) {
                            throw refused;
                        }
                        // A remote copy made by a reconcile that read the routing table just before this claim.
                        remotePorts.removeCopyOf(port, region, network.bottomNetworkId());
                        return create(neutron, port, name, network);
                    }
                }), claimedAt);
    }

    /**
     * Deletes the port's copy in the site, if there is one, and asks the l2 proxy to take the port's remote copies
     * out of the other sites.
     */
    public void delete(String portId, String projectId, String region) {
        routing.find(portId, ResourceKind.PORT, region).ifPresent(row -> {
            if (row.bottomId() != null) {
                sites.client(region).neutron(projectId).delete("port", row.bottomId());
            }
            remotePortJobs.afterPortChange(portId, () -> {
                routing.remove(portId, ResourceKind.PORT, region);
                bindings.forget(portId, region);
                return true;
            });
        });
    }

    private static String create(NeutronApi neutron, Port port, String name, BottomNetworks.Placed network) {
        ObjectNode body = Json.object()
                .put("name", name)
                .put("description", BottomNames.tag(port.id()))
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
