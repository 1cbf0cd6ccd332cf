package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Server;
import io.cascadia.core.compute.ServerAction;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.sites.SiteException;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.action}: takes the power action asked for at the top (stop, start, reboot, pause, ...), as recorded
 * with the server, to the site's copy; with none recorded there is nothing to do. The resulting states come back
 * through the pollers. When the site refuses the action for good (the copy is in another state there), the top's
 * task state is cleared so the server does not look busy forever.
 */
public final class ServerActions implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerActions.class);

    private final Servers servers;
    private final RoutingTable routing;
    private final SiteRegistry sites;
    private final Clock clock;

    public ServerActions(Servers servers, RoutingTable routing, SiteRegistry sites, Clock clock) {
        this.servers = requireNonNull(servers, "servers is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.SERVER_ACTION;
    }

    @Override
    public Result run(Job job) {
        Optional<Server> server = servers.find(job.resourceId());
        Optional<ServerAction> action = servers.requestedAction(job.resourceId());
        Optional<Routing> copy = routing.find(job.resourceId(), ResourceKind.SERVER, job.region());
        if (server.isEmpty() || action.isEmpty() || copy.isEmpty() || copy.get().bottomId() == null) {
            return Result.done();
        }
        boolean refused = false;
        try {
            sites.client(job.region()).nova(server.get().projectId()).action(copy.get().bottomId(), action.get().novaBody());
        } catch (SiteException.Rejected rejected) {
            if (rejected.isTransient()) {
                throw rejected;
            }
            LOG.warn("site {} refused {} of server {}: {}", job.region(), action.get(), server.get().id(), rejected.faultMessage());
            refused = true;
        }
        servers.actionTaken(server.get().id(), action.get(), refused, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return Result.done();
    }
}
