package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Server;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.Routing;
import io.cascadia.sites.SiteException;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.action}: forwards a power action (stop, start, reboot, pause, ...) to the site's copy of the server.
 * The resulting states come back through the pollers. When the site refuses the action (the copy is in another state
 * there), the top's task state is cleared so the server does not look busy forever.
 */
public final class ServerActions implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerActions.class);
    public static final String TYPE = "server.action";

    private final Jdbi jdbi;
    private final Servers servers;
    private final RoutingTable routing;
    private final SiteRegistry sites;
    private final Clock clock;

    public ServerActions(Jdbi jdbi, Servers servers, RoutingTable routing, SiteRegistry sites, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Result run(Job job) {
        Optional<Server> server = servers.find(job.resourceId());
        Optional<Routing> copy = routing.find(job.resourceId(), ServerBuild.SERVER, job.region());
        if (server.isEmpty() || copy.isEmpty() || copy.get().bottomId() == null) {
            return Result.done();
        }
        JsonNode payload = Json.read(job.payload());
        String action = payload.path("action").asText();
        ObjectNode body = Json.object();
        body.set(action, payload.path("argument").isMissingNode() ? null : payload.path("argument"));
        try {
            sites.client(job.region()).nova(server.get().projectId()).action(copy.get().bottomId(), body);
        } catch (SiteException.Rejected rejected) {
            if (rejected.isTransient()) {
                throw rejected;
            }
            LOG.warn("site {} refused {} of server {}: {}", job.region(), action, server.get().id(), rejected.faultMessage());
            jdbi.useHandle(h -> h.createUpdate("update server set task_state = null, updated_at = :now where id = :id")
                    .bind("id", server.get().id()).bind("now", clock.instant().truncatedTo(ChronoUnit.MICROS)).execute());
        }
        return Result.done();
    }
}
