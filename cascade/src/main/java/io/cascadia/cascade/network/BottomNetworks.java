package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.jobs.FaultPoint;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.routing.CopyInProgress;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.Subnet;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.sites.NeutronApi;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.network.NetworkSegments;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies of top networks and their subnets in sites: made the first time a server needs the network there (DESIGN
 * §3: creating a network touches no site), named {@code name@<top id>} and tagged {@code cascadia_top_id}, with the
 * top's VNI, CIDRs and gateways so ports keep the top's addresses and tunnels between sites meet; removed when the
 * last port of its own leaves the site.
 */
public final class BottomNetworks {
    private static final Logger LOG = LoggerFactory.getLogger(BottomNetworks.class);

    private final SiteRegistry sites;
    private final NetworkRepositories top;
    private final RoutingTable routing;
    private final BottomCopies copies;
    private final NetworkSegments segments;
    private final NetworkSegments.Range vniRange;
    private final RemotePorts remotePorts;
    private final RemotePortJobs remotePortJobs;
    private final Clock clock;
    private final FaultPoints faults;

    public BottomNetworks(SiteRegistry sites, NetworkRepositories top, RoutingTable routing, BottomCopies copies,
                          NetworkSegments segments, NetworkSegments.Range vniRange, RemotePorts remotePorts,
                          RemotePortJobs remotePortJobs, Clock clock, FaultPoints faults) {
        this.sites = requireNonNull(sites, "sites is null");
        this.top = requireNonNull(top, "top is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.copies = requireNonNull(copies, "copies is null");
        this.segments = requireNonNull(segments, "segments is null");
        this.vniRange = requireNonNull(vniRange, "vniRange is null");
        this.remotePorts = requireNonNull(remotePorts, "remotePorts is null");
        this.remotePortJobs = requireNonNull(remotePortJobs, "remotePortJobs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.faults = requireNonNull(faults, "faults is null");
    }

    /** The bottom network and the bottom id of each of its subnets (top subnet id → bottom subnet id). */
    public record Placed(String bottomNetworkId, Map<String, String> bottomSubnetIds) {
    }

    /**
     * Gets or creates the network and all its subnets in the site. The network is a VXLAN network with the VNI the
     * top allocated for it (the same in every site, so tunnels between sites meet), made as the service user (provider
     * attributes are admin-only) in the network's project; subnets are made in the network's project.
     */
    public Placed ensure(Network network, String region) {
        NeutronApi neutron = sites.client(region).neutron(network.projectId());
        NeutronApi admin = sites.client(region).neutron(null);
        String name = BottomNames.of(network.name(), network.id());
        int vni = segments.vniOf(network.id(), vniRange, clock.instant().truncatedTo(ChronoUnit.MICROS));
        boolean placed = routing.find(network.id(), ResourceKind.NETWORK, region).filter(row -> row.state() == RoutingState.ACTIVE).isPresent();
        String bottomNetwork = copies.ensure(network.id(), ResourceKind.NETWORK, region, new BottomCopies.Recipe(
                id -> admin.find("network", id).isPresent(),
                () -> owned(admin.list("network", "name", name, "project_id", network.projectId()), network.id(), network.projectId()),
                () -> createNetwork(admin, network, name, vni)));
        Map<String, String> subnets = new LinkedHashMap<>();
        for (Subnet subnet : top.subnets().listForNetwork(network.id())) {
            String subnetName = BottomNames.of(subnet.name(), subnet.id());
            subnets.put(subnet.id(), copies.ensure(subnet.id(), ResourceKind.SUBNET, region, new BottomCopies.Recipe(
                    id -> neutron.find("subnet", id).isPresent(),
                    () -> owned(neutron.list("subnet", "name", subnetName, "network_id", bottomNetwork), subnet.id(), subnet.projectId()),
                    () -> createSubnet(neutron, subnet, subnetName, bottomNetwork))));
        }
        if (!placed) {
            // The site has just got the network: it needs remote ports for the ports already elsewhere.
            remotePortJobs.networkPlaced(network.id(), region);
        }
        return new Placed(bottomNetwork, subnets);
    }

    /**
     * Deletes the network's copy in the site when no port of the network has a copy of its own there any more:
     * remote ports alone (ports living in other sites) do not keep it, they are deleted with it. A copy still being
     * made is in use. Returns whether it removed it (false: still used, or never there).
     * <p>
     * A build that needs the copy meanwhile never loses it: the release marks the row {@code deleting} and only then
     * looks for ports; a build claims its port's row and only then checks the network is still {@code active}
     * ({@link #checkUsable}). Each writes before it reads, so at least one of them sees the other and backs off.
     */
    public boolean releaseIfUnused(String networkId, String projectId, String region) {
        Optional<Routing> network = routing.find(networkId, ResourceKind.NETWORK, region);
        if (network.isEmpty() || network.get().state() == RoutingState.CREATING || usedIn(networkId, region)) {
            return false;
        }
        // Deleting: the l2 proxy stops adding remote ports to it, and builds wait for it to go. Only one release
        // goes on: a row already deleting is another's, unless that one died (its mark is older than a claim lease).
        Routing row = network.get();
        boolean mine = row.state() == RoutingState.ACTIVE
                ? routing.markDeletingIfActive(networkId, ResourceKind.NETWORK, region, now())
                : row.state() == RoutingState.DELETING && remotePorts.claimExpired(row, now())
                        && routing.retakeDeleting(networkId, ResourceKind.NETWORK, region, row.updatedAt(), now());
        if (!mine) {
            return false;
        }
        try {
            return release(row, projectId, region);
        } catch (RuntimeException e) {
            // The site failed midway: the copy (or what is left of it) is usable again; the next release retries.
            routing.markActive(networkId, ResourceKind.NETWORK, region, row.bottomId(), now());
            throw e;
        }
    }

    /** The release proper, once this caller owns the {@code deleting} row. */
    private boolean release(Routing network, String projectId, String region) {
        String networkId = network.topId();
        Map<String, Port> topPorts = new LinkedHashMap<>();
        top.ports().listForNetwork(networkId).forEach(port -> topPorts.put(port.id(), port));
        if (usedIn(networkId, region)) {
            routing.markActive(networkId, ResourceKind.NETWORK, region, network.bottomId(), now());
            LOG.info("network {} stays in site {}: a build took it while it was being released", networkId, region);
            return false;
        }
        faults.reached(FaultPoint.BEFORE_RELEASE, "network " + networkId + " in " + region);
        Optional<Network> topNetwork = top.networks().find(networkId);
        if (network.bottomId() != null && topNetwork.isPresent()) {
            remotePorts.removeAll(region, network.bottomId(), topNetwork.get(), topPorts);
            long foreign = foreignPorts(region, network.bottomId());
            if (foreign > 0) {
                // Deleting the copy would take ports Cascadia does not own with it (Neutron refuses anyway): keep it.
                routing.markActive(networkId, ResourceKind.NETWORK, region, network.bottomId(), now());
                LOG.warn("network {} stays in site {}: {} ports Cascadia does not own are on its copy {}", networkId, region,
                        foreign, network.bottomId());
                return false;
            }
        }
        NeutronApi neutron = sites.client(region).neutron(projectId);
        for (Subnet subnet : top.subnets().listForNetwork(networkId)) {
            routing.find(subnet.id(), ResourceKind.SUBNET, region).ifPresent(row -> {
                if (row.bottomId() != null) {
                    neutron.delete("subnet", row.bottomId());
                }
                routing.remove(subnet.id(), ResourceKind.SUBNET, region);
            });
        }
        if (network.bottomId() != null) {
            neutron.delete("network", network.bottomId());
        }
        routing.remove(networkId, ResourceKind.NETWORK, region);
        LOG.info("network {} left site {}: its last port is gone", networkId, region);
        return true;
    }

    /**
     * Throws {@link CopyInProgress} unless the network's copy in the site is still the active {@code bottomNetworkId}:
     * a build calls it after claiming its port's routing row, before it makes the port (see {@link #releaseIfUnused}).
     */
    public void checkUsable(String networkId, String region, String bottomNetworkId) {
        boolean usable = routing.find(networkId, ResourceKind.NETWORK, region)
                .filter(row -> row.state() == RoutingState.ACTIVE && bottomNetworkId.equals(row.bottomId()))
                .isPresent();
        if (!usable) {
            throw new CopyInProgress("network " + networkId + " in " + region + " is being released");
        }
    }

    /** Ports on the network copy that Neutron would not delete with it (its DHCP ports it would). */
    private long foreignPorts(String region, String bottomNetworkId) {
        return sites.client(region).neutron(null).list("port", "network_id", bottomNetworkId, "fields", "id", "fields", "device_owner")
                .stream().filter(port -> !"network:dhcp".equals(port.path("device_owner").asText())).count();
    }

    private boolean usedIn(String networkId, String region) {
        List<String> portIds = top.ports().listForNetwork(networkId).stream().map(Port::id).toList();
        return routing.forTops(ResourceKind.PORT, portIds).stream().anyMatch(row -> row.region().equals(region));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String createNetwork(NeutronApi admin, Network network, String name, int vni) {
        ObjectNode body = Json.object()
                .put("name", name)
                .put("description", BottomNames.tag(network.id()))
                .put("admin_state_up", network.adminStateUp())
                .put("project_id", network.projectId())
                .put("provider:network_type", "vxlan")
                .put("provider:segmentation_id", vni);
        String id = admin.create("network", body).path("id").asText();
        admin.tag("network", id, BottomNames.tag(network.id()));
        return id;
    }

    private static String createSubnet(NeutronApi neutron, Subnet subnet, String name, String bottomNetwork) {
        ObjectNode body = Json.object()
                .put("name", name)
                .put("description", BottomNames.tag(subnet.id()))
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

    /** The first of the found Neutron resources that is provably Cascadia's copy of {@code topId} ({@link Ownership}). */
    static Optional<String> owned(List<JsonNode> found, String topId, String projectId) {
        return found.stream().map(SiteResources::neutron)
                .filter(resource -> Ownership.isCopyOf(resource, topId, projectId))
                .map(Ownership.SiteResource::id)
                .findFirst();
    }
}
