package io.cascadia.cascade.network;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.sites.NeutronApi;
import io.cascadia.sites.SiteException;
import io.cascadia.store.routing.CreateClaim;
import io.cascadia.store.routing.RoutingTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote ports as one site holds them (DESIGN §4): the copy of a port that lives in another site, with the port's
 * MAC and IPs, bound to the origin host ({@code binding:host_id}) and its VTEP ({@code binding:profile.tunnel_ip}),
 * so the site's own l2 population gives its agents the port's fdb and ARP-responder entries. Like Tricircle's
 * shadow ports they have device owner {@code compute:shadow} and the copy name {@code name@<top id>}. Binding
 * attributes are admin-only, so they are made and changed as the service user, in the port's project.
 */
public final class RemotePorts {
    private static final Logger LOG = LoggerFactory.getLogger(RemotePorts.class);
    public static final String DEVICE_OWNER = "compute:shadow";
    static final String TUNNEL_IP = "tunnel_ip";
    private static final int BULK = 100;
    private static final String[] LISTED = {"device_owner", DEVICE_OWNER, "fields", "id", "fields", "name",
        "fields", "mac_address", "fields", "fixed_ips", "fields", "binding:host_id", "fields", "binding:profile",
        "fields", "project_id"};

    private final SiteRegistry sites;
    private final RoutingTable routing;
    private final Duration claimLease;

    /** @param claimLease how long a claim to create a remote port holds before another worker may take it over */
    public RemotePorts(SiteRegistry sites, RoutingTable routing, Duration claimLease) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.claimLease = requireNonNull(claimLease, "claimLease is null");
    }

    /** What a {@link #create} achieved: ports made, and ports another worker is making right now. */
    public record Creation(int created, int busy) {
    }

    /** Where a port lives: its site, host and the host's tunnel endpoint. */
    public record Origin(String region, String host, String vtep) {
    }

    /** One address of a remote port: the site's copy of the top subnet, and the top's IP. */
    public record Address(String bottomSubnetId, String ipAddress) {
    }

    /** What the remote port of one top port must be in one site. */
    public record Wanted(String topPortId, String projectId, String name, String macAddress, List<Address> addresses,
                         Origin origin) {
        public Wanted {
            macAddress = macAddress.toLowerCase(Locale.ROOT);
            addresses = List.copyOf(addresses);
        }

        Set<String> ips() {
            Set<String> ips = new TreeSet<>();
            addresses.forEach(address -> ips.add(address.ipAddress()));
            return ips;
        }
    }

    /**
     * A remote port as the site shows it. {@code topPortId} is the top port its name and the {@code cascadia_top_id}
     * of its binding profile (admin-only, set when it is made) both name, null when they do not agree: such a port is
     * foreign, whatever its device owner.
     */
    public record Observed(String bottomId, String topPortId, String projectId, String macAddress, Set<String> ips,
                           String host, String vtep, String originRegion) {
        /** Whether this is Cascadia's remote copy of the top port {@code topPortId} of project {@code projectId}. */
        boolean isCopyOf(String topPortId, String projectId) {
            return topPortId.equals(this.topPortId) && projectId.equals(this.projectId);
        }

        boolean sameAddresses(Wanted wanted) {
            return macAddress.equals(wanted.macAddress()) && ips.equals(wanted.ips());
        }

        boolean sameOrigin(Wanted wanted) {
            return host.equals(wanted.origin().host()) && vtep.equals(wanted.origin().vtep())
                    && originRegion.equals(wanted.origin().region());
        }
    }

    /** The remote ports on a network copy in the site, read in one call. */
    public List<Observed> list(String region, String bottomNetworkId) {
        List<String> filters = new ArrayList<>(List.of("network_id", bottomNetworkId));
        filters.addAll(List.of(LISTED));
        return admin(region).list("port", filters.toArray(String[]::new)).stream().map(RemotePorts::observed).toList();
    }

    /** One remote port of the site by its bottom id; empty when it is gone (or is not a remote port). */
    public Optional<Observed> find(String region, String bottomId) {
        return admin(region).find("port", bottomId)
                .filter(port -> DEVICE_OWNER.equals(port.path("device_owner").asText()))
                .map(RemotePorts::observed);
    }

    /**
     * The remote ports on a network copy that are provably Cascadia's ({@link Ownership}): name and mark name a top
     * port, and the port is in that port's project, or, for a port gone from the top, in the network's.
     */
    public List<Observed> listOwned(String region, String bottomNetworkId, Network network, Map<String, Port> topPorts) {
        List<Observed> owned = new ArrayList<>();
        for (Observed port : list(region, bottomNetworkId)) {
            Port top = port.topPortId() == null ? null : topPorts.get(port.topPortId());
            if (port.topPortId() != null && port.isCopyOf(port.topPortId(), top != null ? top.projectId() : network.projectId())) {
                owned.add(port);
            } else {
                LOG.debug("port {} on network {} in {} is not Cascadia's: left alone", port.bottomId(), bottomNetworkId, region);
            }
        }
        return owned;
    }

    private static Observed observed(JsonNode port) {
        Set<String> ips = new TreeSet<>();
        port.path("fixed_ips").forEach(ip -> ips.add(ip.path("ip_address").asText()));
        JsonNode profile = port.path("binding:profile");
        Ownership.SiteResource resource = new Ownership.SiteResource(port.path("id").asText(), port.path("name").asText(null),
                profile.path(BottomNames.TOP_ID_KEY).asText(null), port.path("project_id").asText(null));
        return new Observed(resource.id(), Ownership.claimedTopId(resource).orElse(null), resource.projectId(),
                port.path("mac_address").asText().toLowerCase(Locale.ROOT), ips, port.path("binding:host_id").asText(""),
                profile.path(TUNNEL_IP).asText(""), profile.path("region").asText(""));
    }

    /**
     * Creates remote ports the site was seen not to have, in bulk (a hundred per call), recording each in the
     * routing table. Each routing row is claimed first, as a lease ({@link RoutingTable#claimCreate}): a port another
     * worker is making is left to it (counted busy), and a crash before a row is marked active leaves a copy that the
     * next reconcile adopts by name. A bulk call the site refuses is retried one port at a time, so one bad port does
     * not hold up the rest.
     *
     * @throws SiteException.Rejected the first refusal, after every other port was tried
     */
    public Creation create(String region, String bottomNetworkId, List<Wanted> wanted, Instant now) {
        List<Wanted> mine = new ArrayList<>();
        for (Wanted want : wanted) {
            if (claim(want.topPortId(), region, now)) {
                mine.add(want);
            }
        }
        NeutronApi neutron = admin(region);
        int created = 0;
        SiteException.Rejected firstRefusal = null;
        for (int start = 0; start < mine.size(); start += BULK) {
            List<Wanted> chunk = mine.subList(start, Math.min(mine.size(), start + BULK));
            try {
                List<JsonNode> made = neutron.createAll("port", chunk.stream().map(w -> body(w, bottomNetworkId)).toList());
                for (int i = 0; i < made.size(); i++) {
                    routing.markActive(chunk.get(i).topPortId(), ResourceKind.REMOTE_PORT, region, made.get(i).path("id").asText(), now);
                }
                created += made.size();
            } catch (SiteException.Rejected bulkRefused) {
                if (bulkRefused.isTransient()) {
                    throw bulkRefused;
                }
                for (Wanted one : chunk) {
                    try {
                        String id = neutron.create("port", body(one, bottomNetworkId)).path("id").asText();
                        routing.markActive(one.topPortId(), ResourceKind.REMOTE_PORT, region, id, now);
                        created++;
                    } catch (SiteException.Rejected refused) {
                        LOG.warn("site {} refused the remote port of {}: {}", region, one.topPortId(), refused.faultMessage());
                        firstRefusal = firstRefusal == null ? refused : firstRefusal;
                    }
                }
            }
        }
        if (firstRefusal != null) {
            throw firstRefusal;
        }
        return new Creation(created, wanted.size() - mine.size());
    }

    /** Whether a {@code creating} routing row was left by a worker that died (its claim ran out). */
    public boolean claimExpired(Routing row, Instant now) {
        return row.updatedAt().isBefore(now.minus(claimLease));
    }

    /**
     * Claims the routing row of a remote port the caller saw missing from the site: a row still naming a bottom id
     * is stale and is dropped first. False when another worker holds the claim.
     */
    private boolean claim(String topPortId, String region, Instant now) {
        for (int round = 0; round < 2; round++) {
            switch (routing.claimCreate(topPortId, ResourceKind.REMOTE_PORT, region, now, now.minus(claimLease))) {
                case CreateClaim.Mine mine -> {
                    return true;
                }
                case CreateClaim.Busy busy -> {
                    return false;
                }
                case CreateClaim.Exists exists -> routing.remove(topPortId, ResourceKind.REMOTE_PORT, region);
            }
        }
        return false;
    }

    /**
     * Points Cascadia's remote port of {@code topPortId} at the port's new origin (it moved to another host or site),
     * writing the mark again with it.
     */
    public void rebind(String region, String bottomId, String topPortId, Origin origin) {
        ObjectNode body = Json.object().put("binding:host_id", origin.host());
        body.set("binding:profile", profile(topPortId, origin));
        admin(region).update("port", bottomId, body);
    }

    /** Deletes one remote port in the site (gone already is fine) and forgets its routing row if it named this copy. */
    public void delete(String region, Observed port) {
        admin(region).delete("port", port.bottomId());
        if (port.topPortId() != null) {
            routing.find(port.topPortId(), ResourceKind.REMOTE_PORT, region)
                    .filter(row -> row.bottomId() == null || row.bottomId().equals(port.bottomId()))
                    .ifPresent(row -> routing.remove(port.topPortId(), ResourceKind.REMOTE_PORT, region));
        }
    }

    /**
     * Removes the remote copy of one top port from the site, before the port gets a real copy there (the two would
     * clash on MAC and IP): the copy the routing table knows, and any the name finds on the network copy.
     */
    public void removeCopyOf(Port topPort, String region, String bottomNetworkId) {
        String topPortId = topPort.id();
        // The routing row is written before a remote port is created, so without a row there is no remote copy.
        routing.find(topPortId, ResourceKind.REMOTE_PORT, region).ifPresent(row -> {
            for (Observed port : list(region, bottomNetworkId)) {
                if (port.isCopyOf(topPortId, topPort.projectId()) || port.bottomId().equals(row.bottomId())) {
                    delete(region, port);
                }
            }
            routing.remove(topPortId, ResourceKind.REMOTE_PORT, region);
            LOG.info("port {} moves into {}: its remote copy there is removed", topPortId, region);
        });
    }

    /**
     * Removes every remote port of Cascadia's on a network copy, before the copy itself is deleted; foreign ports stay.
     * Returns how many it removed.
     */
    public int removeAll(String region, String bottomNetworkId, Network network, Map<String, Port> topPorts) {
        List<Observed> ports = listOwned(region, bottomNetworkId, network, topPorts);
        ports.forEach(port -> delete(region, port));
        return ports.size();
    }

    private NeutronApi admin(String region) {
        return sites.client(region).neutron(null);
    }

    private static ObjectNode body(Wanted wanted, String bottomNetworkId) {
        ObjectNode body = Json.object()
                .put("name", wanted.name())
                .put("network_id", bottomNetworkId)
                .put("project_id", wanted.projectId())
                .put("mac_address", wanted.macAddress())
                .put("device_owner", DEVICE_OWNER)
                .put("binding:host_id", wanted.origin().host());
        ArrayNode fixedIps = body.putArray("fixed_ips");
        wanted.addresses().forEach(a -> fixedIps.addObject().put("subnet_id", a.bottomSubnetId()).put("ip_address", a.ipAddress()));
        body.set("binding:profile", profile(wanted.topPortId(), wanted.origin()));
        return body;
    }

    /** The binding profile: where the port lives, and the mark that proves the remote port is Cascadia's. */
    private static ObjectNode profile(String topPortId, Origin origin) {
        return Json.object().put(TUNNEL_IP, origin.vtep()).put("region", origin.region()).put("host", origin.host())
                .put(BottomNames.TOP_ID_KEY, topPortId);
    }
}
