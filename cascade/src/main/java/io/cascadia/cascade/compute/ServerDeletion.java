package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.network.BottomNetworks;
import io.cascadia.cascade.network.BottomPorts;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Server;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.network.Port;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.delete}: removes the server's copy from every site that holds one, then the copies of its ports,
 * then the site's copy of each network no other port uses there; finally the top's server and the ports the server
 * created (ports the user brought are only detached, as in Nova), handing its volumes and the copies of its image and
 * flavor over to their reconcilers ({@link ServerLeftovers}). A site that does not answer keeps the job
 * waiting: nothing is forgotten because a site is unreachable.
 */
public final class ServerDeletion implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerDeletion.class);

    private final Jdbi jdbi;
    private final Servers servers;
    private final NetworkRepositories network;
    private final RoutingTable routing;
    private final SiteRegistry sites;
    private final BottomPorts bottomPorts;
    private final BottomNetworks bottomNetworks;
    private final ServerLeftovers leftovers;
    private final Clock clock;

    public ServerDeletion(Jdbi jdbi, Servers servers, NetworkRepositories network, RoutingTable routing, SiteRegistry sites,
                          BottomPorts bottomPorts, BottomNetworks bottomNetworks, ServerLeftovers leftovers, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.network = requireNonNull(network, "network is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
        this.bottomPorts = requireNonNull(bottomPorts, "bottomPorts is null");
        this.bottomNetworks = requireNonNull(bottomNetworks, "bottomNetworks is null");
        this.leftovers = requireNonNull(leftovers, "leftovers is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.SERVER_DELETE;
    }

    @Override
    public Result run(Job job) {
        Server server = servers.find(job.resourceId()).orElse(null);
        if (server == null) {
            return Result.done();
        }
        List<Port> ports = network.ports().listForServers(List.of(server.id()));
        for (Routing copy : routing.forTop(server.id(), ResourceKind.SERVER)) {
            removeFromSite(server, copy, ports);
        }
        forgetAtTop(server, ports);
        LOG.info("server {} deleted", server.id());
        return Result.done();
    }

    private void removeFromSite(Server server, Routing copy, List<Port> ports) {
        String region = copy.region();
        routing.markDeleting(server.id(), ResourceKind.SERVER, region, clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (copy.bottomId() != null) {
            sites.client(region).nova(server.projectId()).deleteServer(copy.bottomId());
        }
        Set<String> networks = new LinkedHashSet<>();
        for (Port port : ports) {
            bottomPorts.delete(port.id(), server.projectId(), region);
            networks.add(port.networkId());
        }
        routing.remove(server.id(), ResourceKind.SERVER, region);
        for (String networkId : networks) {
            bottomNetworks.releaseIfUnused(networkId, server.projectId(), region);
        }
    }

    private void forgetAtTop(Server server, List<Port> ports) {
        jdbi.useTransaction(h -> {
            for (Port port : ports) {
                if (server.preservedPortIds().contains(port.id())) {
                    network.ports().update(new Port(port.id(), port.projectId(), port.networkId(), port.name(),
                            port.description(), port.adminStateUp(), "DOWN", port.macAddress(), "", "",
                            port.portSecurityEnabled(), port.fixedIps(), port.securityGroupIds(), port.revisionNumber() + 1,
                            port.createdAt(), clock.instant().truncatedTo(ChronoUnit.MICROS)));
                } else {
                    network.ports().delete(port.id());
                }
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            leftovers.handOver(server, now);
            servers.delete(server.id(), now);
        });
    }
}
