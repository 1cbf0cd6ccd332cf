package io.cascadia.cascade.polling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.network.BottomPorts;
import io.cascadia.cascade.network.RemotePortJobs;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.sites.NeutronApi;
import io.cascadia.store.network.PortBindings;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The l2 side of the status pull: ports changed in a site since the last change seen ({@code changed_since}) are
 * mapped to top ports, whose status (DOWN → ACTIVE), binding host and that host's tunnel endpoint (from the site's
 * L2 agents) are recorded at the top; a change asks the l2 proxy to reconcile the port's network in every site that
 * holds it, and a full resync asks it for every network copy of the site.
 */
public final class PortStatusSync {
    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final PortBindings bindings;
    private final RemotePortJobs remotePortJobs;
    private final PollConfig config;
    private final Clock clock;
    private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tunnelIps = new ConcurrentHashMap<>();

    public PortStatusSync(SiteRegistry sites, RoutingTable routing, PortBindings bindings, RemotePortJobs remotePortJobs,
                          PollConfig config, Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.bindings = requireNonNull(bindings, "bindings is null");
        this.remotePortJobs = requireNonNull(remotePortJobs, "remotePortJobs is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One poll of one site; returns how many ports the site returned. */
    public int poll(String region, boolean full) {
        Instant started = clock.instant();
        Instant watermark = watermarks.get(region);
        NeutronApi neutron = sites.client(region).neutron(null);
        List<JsonNode> changed = full || watermark == null
                ? neutron.list("port")
                : neutron.portsChangedSince(watermark.minus(config.overlap()));
        Map<String, String> topIds = routing.topIdsOf(region, BottomPorts.PORT, changed.stream().map(p -> p.path("id").asText()).toList());
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
        // Neutron's changed_since has whole seconds: the overlap covers that and clock skew with the site.
        watermarks.put(region, started);
        return changed.size();
    }

    public void reset(String region) {
        watermarks.remove(region);
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
