package io.cascadia.cascade.polling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.network.RemotePortJobs;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.sites.NeutronApi;
import io.cascadia.store.network.PortBindings;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The l2 side of the status pull: the site's ports that are Cascadia's copies (all of them on a full resync, the
 * ones not yet seen {@code ACTIVE} in between) are mapped to top ports, whose status (DOWN → ACTIVE), binding host and that host's tunnel endpoint (from the site's
 * L2 agents) are recorded at the top; a change asks the l2 proxy to reconcile the port's network in every site that
 * holds it, and a full resync asks it for every network copy of the site.
 */
public final class PortStatusSync {
    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final PortBindings bindings;
    private final RemotePortJobs remotePortJobs;
    private final Clock clock;
    /** Copies asked about in one delta poll at most; the oldest first, the rest at the next poll. */
    private static final int UNSETTLED_PER_POLL = 1000;

    /** Settled copies asked about in one delta poll, in turn by top id. */
    private static final int ROTATION_PER_POLL = 100;

    private final Set<String> polled = ConcurrentHashMap.newKeySet();
    private final Map<String, String> rotation = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tunnelIps = new ConcurrentHashMap<>();

    public PortStatusSync(SiteRegistry sites, RoutingTable routing, PortBindings bindings, RemotePortJobs remotePortJobs,
                          Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.bindings = requireNonNull(bindings, "bindings is null");
        this.remotePortJobs = requireNonNull(remotePortJobs, "remotePortJobs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * One poll of one site; returns how many ports the site returned. Neutron cannot list what changed since a time
     * (Zed refuses {@code changed_since}), so a delta poll asks about the copies not yet seen {@code ACTIVE} and about
     * the next {@link #ROTATION_PER_POLL} of the others in turn, which bounds how late a port going down or moving
     * host is seen; a full resync lists every port.
     */
    public int poll(String region, boolean full) {
        NeutronApi neutron = sites.client(region).neutron(null);
        List<JsonNode> changed = full || !polled.contains(region) ? neutron.list("port") : neutron.portsWithIds(delta(region));
        polled.add(region);
        Map<String, String> topIds = routing.topIdsOf(region, ResourceKind.PORT, changed.stream().map(p -> p.path("id").asText()).toList());
        for (JsonNode port : changed) {
            String topId = topIds.get(port.path("id").asText());
            if (topId == null) {
                continue;
            }
            String host = port.path("binding:host_id").asText("");
            String vtep = host.isEmpty() ? null : tunnelIp(neutron, region, host, full);
            remotePortJobs.afterPortChange(topId, () -> bindings.observe(topId, region, host.isEmpty() ? null : host, vtep,
                    port.path("status").asText("DOWN"), now()));
        }
        if (full) {
            remotePortJobs.resync(region);
        }
        return changed.size();
    }

    /** Forgets what was seen of a site, so its next poll is a full one. */
    public void reset(String region) {
        polled.remove(region);
    }

    /** The bottom ids a delta poll asks about: the unsettled copies, and the next ones of the rotation. */
    private List<String> delta(String region) {
        Set<String> ids = new LinkedHashSet<>(bindings.unsettledCopies(region, UNSETTLED_PER_POLL));
        List<PortBindings.Copy> next = bindings.copiesAfter(region, rotation.get(region), ROTATION_PER_POLL);
        next.forEach(copy -> ids.add(copy.bottomId()));
        if (next.size() < ROTATION_PER_POLL) {
            rotation.remove(region);
        } else {
            rotation.put(region, next.getLast().topId());
        }
        return List.copyOf(ids);
    }

    private String tunnelIp(NeutronApi neutron, String region, String host, boolean refresh) {
        Map<String, String> known = tunnelIps.get(region);
        if (refresh || known == null || !known.containsKey(host)) {
            Map<String, String> fresh = new ConcurrentHashMap<>();
            for (JsonNode agent : neutron.agents()) {
                String ip = agent.path("configurations").path("tunneling_ip").asText("");
                if (!ip.isEmpty()) {
                    fresh.put(agent.path("host").asText(), ip);
                }
            }
            tunnelIps.put(region, fresh);
            known = fresh;
        }
        return known.get(host);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
