package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Server;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.core.time.Timestamps;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.stray_copy}: a server in a site whose name claims a top server but that no routing row maps, as the
 * pollers found it (keyed {@code <bottom id>@<region>}). It is read again from the site, and only a proven copy
 * ({@link Ownership}: name, mark and the project of a server Cascadia issued, live or deleted within a day) is acted
 * on: one created just before a crash is adopted (its routing row is still {@code creating}); an orphan whose top
 * server is gone, or a second copy, is deleted once older than the orphan grace. Everything else is foreign and left
 * alone.
 */
public final class StrayServerCopy implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StrayServerCopy.class);

    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final Servers servers;
    private final ServerObservations observations;
    private final Duration orphanGrace;
    private final Clock clock;

    /** @param orphanGrace how old an orphan or second copy must be before it is deleted ({@code poll.orphan-grace}) */
    public StrayServerCopy(SiteRegistry sites, RoutingTable routing, Servers servers, ServerObservations observations,
                           Duration orphanGrace, Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.orphanGrace = requireNonNull(orphanGrace, "orphanGrace is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public JobType type() {
        return JobType.SERVER_STRAY_COPY;
    }

    @Override
    public Result run(Job job) {
        String region = job.region();
        Optional<JsonNode> bottom = sites.client(region).nova(null).server(job.idInSite())
                .filter(found -> !"DELETED".equals(found.path("status").asText()));
        if (bottom.isEmpty()) {
            return Result.done();
        }
        Ownership.SiteResource resource = SiteResources.server(bottom.get());
        Optional<String> claimed = Ownership.claimedTopId(resource);
        if (claimed.isEmpty()) {
            return Result.done();
        }
        String topId = claimed.get();
        Optional<Server> server = servers.find(topId);
        Optional<Server> issued = server.or(() -> servers.findDeleted(topId));
        if (issued.isEmpty() || !Ownership.isCopyOf(resource, topId, issued.get().projectId())) {
            return Result.done();
        }
        String bottomId = resource.id();
        Optional<Routing> row = routing.find(topId, ResourceKind.SERVER, region);
        if (row.isPresent() && row.get().state() == RoutingState.CREATING && server.isPresent()) {
            routing.markActive(topId, ResourceKind.SERVER, region, bottomId, now());
            LOG.info("adopted server {} in site {} as {} ({})", topId, region, bottomId, Ownership.proof(resource));
            observations.apply(topId, SiteServers.observed(bottom.get()), now());
            return Result.done();
        }
        boolean duplicate = row.isPresent() && row.get().bottomId() != null && !row.get().bottomId().equals(bottomId);
        if (server.isPresent() && !duplicate) {
            return Result.done();
        }
        Instant deletable = Timestamps.parse(bottom.get().path("created").asText()).orElse(now()).plus(orphanGrace);
        if (deletable.isAfter(now())) {
            return Result.retryAfter(Duration.between(now(), deletable), "server " + bottomId + " in " + region + " is too young to delete");
        }
        LOG.warn("deleting orphan server {} in site {}: {}; proven Cascadia's by {}", bottomId, region,
                server.isEmpty() ? "its top server is gone" : "a second copy of " + topId, Ownership.proof(resource));
        sites.client(region).nova(null).deleteServer(bottomId);
        return Result.done();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
