package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Server;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.sites.NovaApi;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.routing.RoutingTable;
import java.util.Map;
import java.util.Optional;

/**
 * {@code server.update}: makes the site's copy carry the top server's current name ({@code name@<top id>}) and
 * metadata (plus {@code cascadia_top_id}). Reads both from the top when it runs, so one run catches up with any
 * number of changes.
 */
public final class ServerUpdate implements JobHandler {

    private final Servers servers;
    private final RoutingTable routing;
    private final SiteRegistry sites;

    public ServerUpdate(Servers servers, RoutingTable routing, SiteRegistry sites) {
        this.servers = requireNonNull(servers, "servers is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
    }

    @Override
    public JobType type() {
        return JobType.SERVER_UPDATE;
    }

    @Override
    public Result run(Job job) {
        Optional<Server> server = servers.find(job.resourceId());
        Optional<Routing> copy = routing.find(job.resourceId(), ResourceKind.SERVER, job.region());
        if (server.isEmpty() || copy.isEmpty() || copy.get().bottomId() == null) {
            return Result.done();
        }
        NovaApi nova = sites.client(job.region()).nova(server.get().projectId());
        nova.updateServer(copy.get().bottomId(), Json.object().put("name", BottomNames.of(server.get().name(), server.get().id())));
        ObjectNode metadata = Json.object();
        for (Map.Entry<String, String> entry : server.get().metadata().entrySet()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        metadata.put(BottomNames.TOP_ID_KEY, server.get().id());
        nova.setMetadata(copy.get().bottomId(), metadata);
        return Result.done();
    }
}
