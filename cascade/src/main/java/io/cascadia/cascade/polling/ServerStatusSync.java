package io.cascadia.cascade.polling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.compute.SiteServers;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.ObservedServer;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.sites.NovaApi;
import io.cascadia.sites.Page;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls server status from one site to the top (DESIGN §3): a delta poll asks Nova for the servers changed since the
 * last change seen (minus an overlap), page by page with markers, and copies status, task and power state, host and
 * fault to the top servers they map to. A full resync lists everything: it notices copies that vanished from the
 * site, and hands the servers it cannot map whose names claim a top server to the nova proxy
 * ({@code server.stray_copy}), to be adopted, deleted or left alone.
 */
public final class ServerStatusSync {
    private static final Logger LOG = LoggerFactory.getLogger(ServerStatusSync.class);
    private static final int PAGE = 1000;

    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final Servers servers;
    private final ServerObservations observations;
    private final JobQueue jobs;
    private final PollConfig config;
    private final Clock clock;
    private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();

    public ServerStatusSync(SiteRegistry sites, RoutingTable routing, Servers servers, ServerObservations observations,
                            JobQueue jobs, PollConfig config, Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.observations = requireNonNull(observations, "observations is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * One poll of one site; returns how many servers the site returned. The next poll asks for changes since this
     * one started, minus the overlap (which also absorbs clock skew between Cascadia and the site).
     */
    public int poll(String region, boolean full) {
        Instant started = clock.instant();
        Instant watermark = watermarks.get(region);
        Instant since = full || watermark == null ? null : watermark.minus(config.overlap());
        NovaApi nova = sites.client(region).nova(null);
        List<JsonNode> changed = new ArrayList<>();
        String marker = null;
        do {
            Page page = nova.serversChangedSince(since, marker, PAGE, true);
            changed.addAll(page.items());
            marker = page.nextMarker();
        } while (marker != null);

        Map<String, String> topIds = routing.topIdsOf(region, ResourceKind.SERVER,
                changed.stream().map(s -> s.path("id").asText()).toList());
        for (JsonNode bottom : changed) {
            String bottomId = bottom.path("id").asText();
            String topId = topIds.get(bottomId);
            if (topId != null) {
                copy(region, topId, bottom);
            } else if (!"DELETED".equals(bottom.path("status").asText())) {
                strayOnFullResync(region, bottom, full);
            }
        }
        if (full) {
            findVanished(region, changed);
        }
        watermarks.put(region, started);
        return changed.size();
    }

    /** Forgets what was seen of a site, so its next poll is a full one (after it was down). */
    public void reset(String region) {
        watermarks.remove(region);
    }

    private void copy(String region, String topId, JsonNode bottom) {
        Instant now = now();
        if ("DELETED".equals(bottom.path("status").asText())) {
            servers.find(topId).filter(s -> !"deleting".equals(s.taskState())).ifPresent(server -> {
                LOG.warn("server {} was deleted in site {} behind Cascadia's back", topId, region);
                observations.fail(topId, new ObservedServer.Fault(500,
                        "The server's copy in site " + region + " was deleted there.", null, now), now);
            });
            return;
        }
        observations.apply(topId, SiteServers.observed(bottom), now);
    }

    /**
     * A site server the routing table does not map. When a full resync finds one whose name claims a top server, the
     * nova proxy settles it ({@code server.stray_copy}: adopt, delete or leave alone, under the ownership rule); a name
     * that claims nothing is foreign. Delta polls leave it: a build at work makes such a server, then records it.
     */
    private void strayOnFullResync(String region, JsonNode bottom, boolean full) {
        if (full && Ownership.claimedTopId(SiteResources.server(bottom)).isPresent()) {
            jobs.enqueueUnlessPending(JobSpec.inSite(JobType.SERVER_STRAY_COPY, bottom.path("id").asText(), region).inBackground());
        }
    }

    /** Copies the routing table says are active but the site's full listing no longer has. */
    private void findVanished(String region, List<JsonNode> listed) {
        Set<String> present = new HashSet<>();
        listed.stream().filter(s -> !"DELETED".equals(s.path("status").asText())).forEach(s -> present.add(s.path("id").asText()));
        for (Routing row : routing.inRegion(region, ResourceKind.SERVER)) {
            if (row.state() == RoutingState.ACTIVE && row.bottomId() != null && !present.contains(row.bottomId())) {
                servers.find(row.topId()).filter(s -> !"deleting".equals(s.taskState()) && !"ERROR".equals(s.status()))
                        .ifPresent(server -> observations.fail(server.id(), new ObservedServer.Fault(500,
                                "The server's copy in site " + region + " is missing there.", null, now()), now()));
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
