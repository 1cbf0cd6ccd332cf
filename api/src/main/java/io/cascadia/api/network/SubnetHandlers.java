package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Subnet;
import io.cascadia.core.network.Subnet.AllocationPool;
import io.cascadia.core.network.Subnet.HostRoute;
import io.cascadia.store.Filters;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2.0/subnets}, with central IPAM's rules: a valid CIDR that overlaps no other subnet of the network,
 * allocation pools inside it that miss the gateway and each other, valid host routes and DNS servers.
 */
final class SubnetHandlers {
    private static final int MAX_DNS = 5;
    private static final int MAX_ROUTES = 20;
    private static final Set<String> CREATE = Set.of("network_id", "cidr", "ip_version", "name", "description", "enable_dhcp",
            "gateway_ip", "allocation_pools", "dns_nameservers", "host_routes", "tenant_id", "project_id", "tags",
            "ipv6_ra_mode", "ipv6_address_mode", "subnetpool_id");
    private static final Set<String> UPDATE = Set.of("name", "description", "enable_dhcp", "gateway_ip", "allocation_pools",
            "dns_nameservers", "host_routes");
    private static final Map<String, Column> COLUMNS = Map.ofEntries(
            Map.entry("id", Column.text("t.id")), Map.entry("name", Column.text("t.name")),
            Map.entry("tenant_id", Column.text("t.project_id")), Map.entry("project_id", Column.text("t.project_id")),
            Map.entry("network_id", Column.text("t.network_id")), Map.entry("ip_version", Column.integer("t.ip_version")),
            Map.entry("cidr", Column.text("t.cidr")), Map.entry("gateway_ip", Column.text("t.gateway_ip")),
            Map.entry("enable_dhcp", Column.bool("t.enable_dhcp")), Map.entry("description", Column.text("t.description")),
            Map.entry("revision_number", Column.integer("t.revision_number")));

    private final NetworkStore store;
    private final NetworkHandlers networks;
    private final NetworkQuotas quotas;

    SubnetHandlers(NetworkStore store, NetworkHandlers networks, NetworkQuotas quotas) {
        this.store = store;
        this.networks = networks;
        this.quotas = quotas;
    }

    void register(Router router) {
        router.get("/v2.0/subnets", this::list);
        router.post("/v2.0/subnets", this::create);
        router.get("/v2.0/subnets/{id}", this::show);
        router.put("/v2.0/subnets/{id}", this::update);
        router.delete("/v2.0/subnets/{id}", this::delete);
    }

    /** The subnet if the caller may see it: its own, or one of a shared network. */
    Subnet visible(AuthContext auth, String id) {
        return store.repositories().subnets().find(id)
                .filter(s -> NetworkPolicy.owns(auth, s.projectId())
                        || store.repositories().networks().find(s.networkId()).map(Network::shared).orElse(false))
                .orElseThrow(() -> Neutron.subnetNotFound(id));
    }

    private void list(Context ctx, AuthContext auth) {
        Filters filters = new Filters();
        if (!auth.isAdmin()) {
            filters.where("(t.project_id = :me or exists (select 1 from network n where n.id = t.network_id and n.shared))",
                    Map.of("me", NetworkPolicy.requireProject(auth)));
        }
        NeutronLists.Page page = NeutronLists.page(ctx, COLUMNS, Set.of(), filters);
        List<Subnet> subnets = store.repositories().subnets().list(page.listing());
        Map<String, List<String>> tags = store.repositories().tags().of(subnets.stream().map(Subnet::id).toList());
        NeutronLists.respond(ctx, "subnets", page, subnets, s -> NetworkViews.subnet(s, tags.getOrDefault(s.id(), List.of())),
                Subnet::id);
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Neutron.body(ctx, "subnet", CREATE);
        String owner = NetworkPolicy.ownerFor(auth, body);
        String networkId = Neutron.string(body, "network_id", null, 36);
        if (networkId == null) {
            throw Neutron.badRequest("Failed to parse request. Required attribute 'network_id' not specified");
        }
        for (String unsupported : List.of("ipv6_ra_mode", "ipv6_address_mode", "subnetpool_id")) {
            if (Neutron.nullableString(body, unsupported, null, 255) != null) {
                throw Neutron.invalidInput(unsupported + " is not supported by Cascadia");
            }
        }
        Integer version = Neutron.integer(body, "ip_version", null, 0, 255);
        if (version == null) {
            throw Neutron.badRequest("Failed to parse request. Required attribute 'ip_version' not specified");
        }
        if (version != 4 && version != 6) {
            throw Neutron.invalid("ip_version", "'" + version + "' is not in [4, 6]");
        }
        String cidrText = Neutron.string(body, "cidr", null, 64);
        if (cidrText == null) {
            throw Neutron.badRequest("Bad subnets request: a cidr must be specified in the absence of a subnet pool.");
        }
        Cidr cidr = Cidr.parse(cidrText).orElseThrow(() -> Neutron.invalid("cidr", "'" + Neutron.show(cidrText) + "' is not a valid IP subnet"));
        if (cidr.version() != version) {
            throw Neutron.invalidInput("Cidr " + cidr + " does not match ip_version " + version);
        }
        if (cidr.prefixLength() >= cidr.bits() - 1 && version == 4) {
            throw Neutron.invalidInput("Requested subnet with cidr: " + cidr + " is too small to hold addresses");
        }
        Network network = networks.visible(auth, networkId);
        if (!NetworkPolicy.owns(auth, network.projectId())) {
            throw Neutron.policy("create_subnet");
        }
        String gateway = body.has("gateway_ip") ? gateway(body, cidr) : cidr.firstHost().toString();
        List<AllocationPool> pools = body.has("allocation_pools") && !body.get("allocation_pools").isNull()
                ? pools(body, cidr) : defaultPools(cidr, gateway);
        checkPools(pools, gateway);
        Instant now = store.now();
        Subnet subnet = new Subnet(Ids.uuid(), owner, network.id(), Neutron.string(body, "name", "", 255),
                Neutron.string(body, "description", "", 255), version, cidr.toString(), gateway,
                Neutron.bool(body, "enable_dhcp", true), pools, dns(body, version), routes(body, version), 1, now, now);
        List<String> tags = Neutron.strings(body, "tags", 255);
        store.jdbi().useTransaction(h -> {
            for (Subnet other : store.repositories().subnets().listForNetwork(network.id())) {
                if (Cidr.parse(other.cidr()).orElseThrow().overlaps(cidr)) {
                    throw Neutron.invalidInput("Requested subnet with cidr: " + cidr + " for network: " + network.id()
                            + " overlaps with another subnet");
                }
            }
            quotas.check(owner, "subnet");
            store.repositories().subnets().insert(subnet);
            store.repositories().tags().replace(subnet.id(), tags);
        });
        Responses.json(ctx, 201, Json.object().set("subnet", NetworkViews.subnet(subnet, NetworkHandlers.sorted(tags))));
    }

    private void show(Context ctx, AuthContext auth) {
        Subnet subnet = visible(auth, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("subnet", NeutronLists.selectFields(ctx, render(subnet))));
    }

    private void update(Context ctx, AuthContext auth) {
        Subnet current = visible(auth, ctx.pathParam("id"));
        if (!NetworkPolicy.owns(auth, current.projectId())) {
            throw Neutron.policy("update_subnet");
        }
        ObjectNode body = Neutron.body(ctx, "subnet", UPDATE);
        Cidr cidr = Cidr.parse(current.cidr()).orElseThrow();
        String gateway = body.has("gateway_ip") ? gateway(body, cidr) : current.gatewayIp();
        List<AllocationPool> pools = body.has("allocation_pools") && !body.get("allocation_pools").isNull()
                ? pools(body, cidr) : current.allocationPools();
        checkPools(pools, gateway);
        Subnet updated = new Subnet(current.id(), current.projectId(), current.networkId(),
                Neutron.string(body, "name", current.name(), 255), Neutron.string(body, "description", current.description(), 255),
                current.ipVersion(), current.cidr(), gateway, Neutron.bool(body, "enable_dhcp", current.enableDhcp()), pools,
                body.has("dns_nameservers") ? dns(body, current.ipVersion()) : current.dnsNameservers(),
                body.has("host_routes") ? routes(body, current.ipVersion()) : current.hostRoutes(),
                current.revisionNumber() + 1, current.createdAt(), store.now());
        store.repositories().subnets().update(updated);
        Responses.json(ctx, 200, Json.object().set("subnet", render(updated)));
    }

    private void delete(Context ctx, AuthContext auth) {
        Subnet subnet = visible(auth, ctx.pathParam("id"));
        if (!NetworkPolicy.owns(auth, subnet.projectId())) {
            throw Neutron.policy("delete_subnet");
        }
        store.jdbi().useTransaction(h -> {
            if (store.repositories().ports().subnetInUse(subnet.id())) {
                throw Neutron.conflict("SubnetInUse", "Unable to complete operation on subnet " + subnet.id()
                        + ": One or more ports have an IP allocation from this subnet.");
            }
            store.repositories().tags().removeAll(subnet.id());
            store.repositories().subnets().delete(subnet.id());
        });
        Responses.noContent(ctx);
    }

    private ObjectNode render(Subnet subnet) {
        return NetworkViews.subnet(subnet, store.repositories().tags().of(List.of(subnet.id())).getOrDefault(subnet.id(), List.of()));
    }

    private static String gateway(JsonNode body, Cidr cidr) {
        String text = Neutron.nullableString(body, "gateway_ip", null, 64);
        if (text == null) {
            return null;
        }
        Cidr.Address address = Cidr.Address.parse(text)
                .orElseThrow(() -> Neutron.invalid("gateway_ip", "'" + Neutron.show(text) + "' is not a valid IP address"));
        if (address.version() != cidr.version()) {
            throw Neutron.invalidInput("Gateway IP version inconsistent with subnet IP version");
        }
        return address.toString();
    }

    private static List<AllocationPool> pools(JsonNode body, Cidr cidr) {
        List<AllocationPool> pools = new ArrayList<>();
        for (JsonNode node : Neutron.objects(body, "allocation_pools")) {
            String startText = Neutron.string(node, "start", "", 64);
            String endText = Neutron.string(node, "end", "", 64);
            String shown = "{'start': '" + Neutron.show(startText) + "', 'end': '" + Neutron.show(endText) + "'}";
            Cidr.Address start = Cidr.Address.parse(startText)
                    .orElseThrow(() -> Neutron.badRequest("The allocation pool " + shown + " is not valid."));
            Cidr.Address end = Cidr.Address.parse(endText)
                    .orElseThrow(() -> Neutron.badRequest("The allocation pool " + shown + " is not valid."));
            if (start.compareTo(end) > 0 || start.version() != cidr.version() || end.version() != cidr.version()) {
                throw Neutron.badRequest("The allocation pool " + start + "-" + end + " is not valid.");
            }
            if (!cidr.contains(start) || !cidr.contains(end)) {
                throw Neutron.badRequest("The allocation pool " + start + "-" + end + " spans beyond the subnet cidr " + cidr + ".");
            }
            pools.add(new AllocationPool(start.toString(), end.toString()));
        }
        return pools;
    }

    /** The whole host range, less the gateway; a gateway inside the range splits it in two. */
    static List<AllocationPool> defaultPools(Cidr cidr, String gateway) {
        Cidr.Address first = cidr.firstHost();
        Cidr.Address last = cidr.lastHost();
        Cidr.Address gw = gateway == null ? null : Cidr.Address.parse(gateway).orElse(null);
        if (gw == null || gw.compareTo(first) < 0 || gw.compareTo(last) > 0) {
            return List.of(new AllocationPool(first.toString(), last.toString()));
        }
        List<AllocationPool> pools = new ArrayList<>();
        if (gw.compareTo(first) > 0) {
            pools.add(new AllocationPool(first.toString(), new Cidr.Address(gw.version(), gw.value().subtract(BigInteger.ONE)).toString()));
        }
        if (gw.compareTo(last) < 0) {
            pools.add(new AllocationPool(gw.next().toString(), last.toString()));
        }
        return pools;
    }

    private static void checkPools(List<AllocationPool> pools, String gateway) {
        for (int i = 0; i < pools.size(); i++) {
            Cidr.Address start = Cidr.Address.parse(pools.get(i).start()).orElseThrow();
            Cidr.Address end = Cidr.Address.parse(pools.get(i).end()).orElseThrow();
            if (gateway != null) {
                Cidr.Address gw = Cidr.Address.parse(gateway).orElseThrow();
                if (gw.compareTo(start) >= 0 && gw.compareTo(end) <= 0) {
                    throw Neutron.conflict("GatewayConflictWithAllocationPools",
                            "Gateway ip " + gateway + " conflicts with allocation pool " + start + "-" + end);
                }
            }
            for (int j = i + 1; j < pools.size(); j++) {
                Cidr.Address otherStart = Cidr.Address.parse(pools.get(j).start()).orElseThrow();
                Cidr.Address otherEnd = Cidr.Address.parse(pools.get(j).end()).orElseThrow();
                if (start.compareTo(otherEnd) <= 0 && otherStart.compareTo(end) <= 0) {
                    throw Neutron.conflict("OverlappingAllocationPools", "Found overlapping allocation pools: "
                            + start + "-" + end + " and " + otherStart + "-" + otherEnd);
                }
            }
        }
    }

    private static List<String> dns(JsonNode body, int version) {
        List<String> servers = new ArrayList<>();
        for (String text : Neutron.strings(body, "dns_nameservers", 64)) {
            Cidr.Address address = Cidr.Address.parse(text)
                    .orElseThrow(() -> Neutron.invalid("dns_nameservers", "'" + Neutron.show(text) + "' is not a valid nameserver"));
            servers.add(address.toString());
        }
        if (servers.size() > MAX_DNS) {
            throw Neutron.badRequest("The number of DNS nameservers exceeds the limit " + MAX_DNS + ".");
        }
        return servers;
    }

    private static List<HostRoute> routes(JsonNode body, int version) {
        List<HostRoute> routes = new ArrayList<>();
        for (JsonNode node : Neutron.objects(body, "host_routes")) {
            String destination = Neutron.string(node, "destination", "", 64);
            String nexthop = Neutron.string(node, "nexthop", "", 64);
            Cidr cidr = Cidr.parse(destination)
                    .orElseThrow(() -> Neutron.invalid("host_routes", "'" + Neutron.show(destination) + "' is not a valid IP subnet"));
            Cidr.Address hop = Cidr.Address.parse(nexthop)
                    .orElseThrow(() -> Neutron.invalid("host_routes", "'" + Neutron.show(nexthop) + "' is not a valid IP address"));
            if (cidr.version() != version || hop.version() != version) {
                throw Neutron.invalidInput("Host route version inconsistent with subnet IP version");
            }
            routes.add(new HostRoute(cidr.toString(), hop.toString()));
        }
        if (routes.size() > MAX_ROUTES) {
            throw Neutron.badRequest("Unable to complete operation for subnet. The number of host routes exceeds the limit "
                    + MAX_ROUTES + ".");
        }
        return routes;
    }
}
