package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Subnet;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Routing;
import io.cascadia.sites.NeutronApi;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.routing.RoutingTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies of top networks and their subnets in sites: made the first time a server needs the network there (DESIGN
 * §3: creating a network touches no site), named {@code name@<top id>} and tagged {@code cascadia_top_id}, with the
 * top's CIDRs and gateways so ports can keep the top's addresses; removed when the last port leaves the site.
 */
public final class BottomNetworks {
    private static final Logger LOG = LoggerFactory.getLogger(BottomNetworks.class);
    public static final String NETWORK = "network";
    public static final String SUBNET = "subnet";

    private final SiteRegistry sites;
    private final NetworkRepositories top;
    private final RoutingTable routing;
    private final BottomCopies copies;

    public BottomNetworks(SiteRegistry sites, NetworkRepositories top, RoutingTable routing, BottomCopies copies) {
        this.sites = requireNonNull(sites, "sites is null");
        this.top = requireNonNull(top, "top is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.copies = requireNonNull(copies, "copies is null");
    }

    /** The bottom network and the bottom id of each of its subnets (top subnet id → bottom subnet id). */
    public record Placed(String bottomNetworkId, Map<String, String> bottomSubnetIds) {
    }

    /** Gets or creates the network and all its subnets in the site, acting in the network's project. */
    public Placed ensure(Network network, String region) {
        NeutronApi neutron = sites.client(region).neutron(network.projectId());
        String name = BottomNames.of(network.name(), network.id());
        String bottomNetwork = copies.ensure(network.id(), NETWORK, region, new BottomCopies.Recipe(
                id -> neutron.find("network", id).isPresent(),
                () -> first(neutron.list("network", "name", name, "project_id", network.projectId())),
                () -> createNetwork(neutron, network, name)));
        Map<String, String> subnets = new LinkedHashMap<>();
        for (Subnet subnet : top.subnets().listForNetwork(network.id())) {
            String subnetName = BottomNames.of(subnet.name(), subnet.id());
            subnets.put(subnet.id(), copies.ensure(subnet.id(), SUBNET, region, new BottomCopies.Recipe(
                    id -> neutron.find("subnet", id).isPresent(),
                    () -> first(neutron.list("subnet", "name", subnetName, "network_id", bottomNetwork)),
                    () -> createSubnet(neutron, subnet, subnetName, bottomNetwork))));
        }
        return new Placed(bottomNetwork, subnets);
    }

    /**
     * Deletes the network's copy in the site when no port of the network has a copy there any more. Returns whether
     * it removed it (false: still used, or never there).
     */
    public boolean releaseIfUnused(String networkId, String projectId, String region) {
        Optional<Routing> network = routing.find(networkId, NETWORK, region);
        if (network.isEmpty()) {
            return false;
        }
        boolean used = top.ports().listForNetwork(networkId).stream()
                .anyMatch(port -> routing.find(port.id(), BottomPorts.PORT, region).isPresent()
                        || routing.find(port.id(), BottomPorts.REMOTE_PORT, region).isPresent());
        if (used) {
            return false;
        }
        NeutronApi neutron = sites.client(region).neutron(projectId);
        for (Subnet subnet : top.subnets().listForNetwork(networkId)) {
            routing.find(subnet.id(), SUBNET, region).ifPresent(row -> {
                if (row.bottomId() != null) {
                    neutron.delete("subnet", row.bottomId());
                }
                routing.remove(subnet.id(), SUBNET, region);
            });
        }
        if (network.get().bottomId() != null) {
            neutron.delete("network", network.get().bottomId());
        }
        routing.remove(networkId, NETWORK, region);
        LOG.info("network {} left site {}: its last port is gone", networkId, region);
        return true;
    }

    private static String createNetwork(NeutronApi neutron, Network network, String name) {
        ObjectNode body = Json.object().put("name", name).put("admin_state_up", network.adminStateUp());
        String id = neutron.create("network", body).path("id").asText();
        neutron.tag("network", id, BottomNames.tag(network.id()));
        return id;
    }

    private static String createSubnet(NeutronApi neutron, Subnet subnet, String name, String bottomNetwork) {
        ObjectNode body = Json.object()
                .put("name", name)
                .put("network_id", bottomNetwork)
                .put("ip_version", subnet.ipVersion())
                .put("cidr", subnet.cidr())
                .put("gateway_ip", subnet.gatewayIp())
                .put("enable_dhcp", subnet.enableDhcp());
        ArrayNode pools = body.putArray("allocation_pools");
        subnet.allocationPools().forEach(pool -> pools.addObject().put("start", pool.start()).put("end", pool.end()));
        ArrayNode dns = body.putArray("dns_nameservers");
        subnet.dnsNameservers().forEach(dns::add);
        ArrayNode routes = body.putArray("host_routes");
        subnet.hostRoutes().forEach(route -> routes.addObject().put("destination", route.destination()).put("nexthop", route.nexthop()));
        String id = neutron.create("subnet", body).path("id").asText();
        neutron.tag("subnet", id, BottomNames.tag(subnet.id()));
        return id;
    }

    static Optional<String> first(List<JsonNode> found) {
        return found.stream().map(node -> node.path("id").asText()).findFirst();
    }
}
