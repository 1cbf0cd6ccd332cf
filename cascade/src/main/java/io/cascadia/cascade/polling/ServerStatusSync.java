package io.cascadia.cascade.polling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.compute.ServerBuild;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.ObservedServer;
import io.cascadia.core.compute.Server;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.core.time.Timestamps;
import io.cascadia.sites.NovaApi;
import io.cascadia.sites.Page;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls server status from one site to the top (DESIGN §3): a delta poll asks Nova for the servers changed since the
 * last change seen (minus an overlap), page by page with markers, and copies status, task and power state, host and
 * fault to the top servers they map to. A full resync lists everything, adopts copies a crash left unrecorded,
 * deletes orphans (copies whose top server is gone) and notices copies that vanished from the site.
 */
public final class ServerStatusSync {
    private static final Logger LOG = LoggerFactory.getLogger(ServerStatusSync.class);
    private static final int PAGE = 1000;

    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final Servers servers;
    private final ServerObservations observations;
    private final PollConfig config;
    private final Clock clock;
    private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();

    public ServerStatusSync(SiteRegistry sites, RoutingTable routing, Servers servers, ServerObservations observations,
                            PollConfig config, Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.observations = requireNonNull(observations, "observations is null");
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

        Map<String, String> topIds = routing.topIdsOf(region, ServerBuild.SERVER,
                changed.stream().map(s -> s.path("id").asText()).toList());
        for (JsonNode bottom : changed) {
            String bottomId = bottom.path("id").asText();
            String topId = topIds.get(bottomId);
            if (topId != null) {
                copy(region, topId, bottom);
            } else if (!"DELETED".equals(bottom.path("status").asText())) {
                unmapped(region, bottom, full);
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
        observations.apply(topId, observed(bottom), now);
    }

    /**
     * A site server the routing table does not map. Only a proven copy ({@link Ownership}: name, mark and the
     * project of a server Cascadia issued, live or deleted within a day) is acted on: one created just before a
     * crash is adopted (its routing row is still {@code creating}); an orphan whose top server is gone, or a second
     * copy, is deleted once old enough, on full resyncs. Everything else is foreign and left alone.
     */
    private void unmapped(String region, JsonNode bottom, boolean full) {
        Ownership.SiteResource resource = SiteResources.server(bottom);
        Optional<String> claimed = Ownership.claimedTopId(resource);
        if (claimed.isEmpty()) {
            return;
        }
        String topId = claimed.get();
        Optional<Server> server = servers.find(topId);
        Optional<Server> issued = server.or(() -> servers.findDeleted(topId));
        if (issued.isEmpty() || !Ownership.isCopyOf(resource, topId, issued.get().projectId())) {
            return;
        }
        String bottomId = resource.id();
        Optional<Routing> row = routing.find(topId, ServerBuild.SERVER, region);
        if (row.isPresent() && row.get().state() == RoutingState.CREATING && server.isPresent()) {
            routing.markActive(topId, ServerBuild.SERVER, region, bottomId, now());
            LOG.info("adopted server {} in site {} as {} ({})", topId, region, bottomId, Ownership.proof(resource));
            observations.apply(topId, observed(bottom), now());
            return;
        }
        Instant created = Timestamps.parse(bottom.path("created").asText()).orElse(now());
        boolean old = created.plus(config.orphanGrace()).isBefore(now());
        boolean duplicate = row.isPresent() && row.get().bottomId() != null && !row.get().bottomId().equals(bottomId);
        if (full && old && (server.isEmpty() || duplicate)) {
            LOG.warn("deleting orphan server {} in site {}: {}; proven Cascadia's by {}", bottomId, region,
                    server.isEmpty() ? "its top server is gone" : "a second copy of " + topId, Ownership.proof(resource));
            sites.client(region).nova(null).deleteServer(bottomId);
        }
    }

    /** Copies the routing table says are active but the site's full listing no longer has. */
    private void findVanished(String region, List<JsonNode> listed) {
        Set<String> present = new HashSet<>();
        listed.stream().filter(s -> !"DELETED".equals(s.path("status").asText())).forEach(s -> present.add(s.path("id").asText()));
        for (Routing row : routing.inRegion(region, ServerBuild.SERVER)) {
            if (row.state() == RoutingState.ACTIVE && row.bottomId() != null && !present.contains(row.bottomId())) {
                servers.find(row.topId()).filter(s -> !"deleting".equals(s.taskState()) && !"ERROR".equals(s.status()))
                        .ifPresent(server -> observations.fail(server.id(), new ObservedServer.Fault(500,
                                "The server's copy in site " + region + " is missing there.", null, now()), now()));
            }
        }
    }

    static ObservedServer observed(JsonNode bottom) {
        JsonNode fault = bottom.path("fault");
        ObservedServer.Fault observedFault = fault.isObject()
                ? new ObservedServer.Fault(fault.path("code").asInt(500), fault.path("message").asText(),
                        fault.path("details").isMissingNode() || fault.path("details").isNull() ? null : fault.path("details").asText(),
                        Timestamps.parse(fault.path("created").asText()).orElse(Instant.now().truncatedTo(ChronoUnit.MICROS)))
                : null;
        return new ObservedServer(bottom.path("status").asText(),
                bottom.path("OS-EXT-STS:vm_state").asText("building"),
                bottom.path("OS-EXT-STS:task_state").isNull() || bottom.path("OS-EXT-STS:task_state").isMissingNode()
                        ? null : bottom.path("OS-EXT-STS:task_state").asText(),
                bottom.path("OS-EXT-STS:power_state").asInt(0),
                bottom.path("OS-EXT-SRV-ATTR:host").isTextual() ? bottom.path("OS-EXT-SRV-ATTR:host").asText() : null,
                Timestamps.parse(bottom.path("OS-SRV-USG:launched_at").asText()).map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(null),
                observedFault);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
