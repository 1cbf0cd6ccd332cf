package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.SecurityGroup;
import io.cascadia.core.network.SecurityGroupRule;
import io.cascadia.store.Filters;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@code /v2.0/security-group-rules}, validated as Neutron validates them and refused when an equal rule exists. */
final class SecurityGroupRuleHandlers {
    private static final Set<String> CREATE = Set.of("security_group_id", "direction", "ethertype", "protocol",
            "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id", "description", "tenant_id", "project_id");
    private static final Set<String> PROTOCOLS = Set.of("ah", "dccp", "egp", "esp", "gre", "hopopt", "icmp", "igmp", "ipip",
            "ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts", "ipv6-route", "ospf", "pgm", "rsvp",
            "sctp", "tcp", "udp", "udplite", "vrrp");
    private static final Set<String> PORTED = Set.of("tcp", "udp", "sctp", "udplite", "dccp", "6", "17", "132", "136", "33");
    private static final Set<String> ICMP = Set.of("icmp", "ipv6-icmp", "icmpv6", "1", "58");
    private static final Map<String, Column> COLUMNS = Map.ofEntries(
            Map.entry("id", Column.text("t.id")), Map.entry("tenant_id", Column.text("t.project_id")),
            Map.entry("project_id", Column.text("t.project_id")),
            Map.entry("security_group_id", Column.text("t.security_group_id")),
            Map.entry("direction", Column.text("t.direction")), Map.entry("ethertype", Column.text("t.ethertype")),
            Map.entry("protocol", Column.text("t.protocol")), Map.entry("port_range_min", Column.integer("t.port_range_min")),
            Map.entry("port_range_max", Column.integer("t.port_range_max")),
            Map.entry("remote_ip_prefix", Column.text("t.remote_ip_prefix")),
            Map.entry("remote_group_id", Column.text("t.remote_group_id")),
            Map.entry("description", Column.text("t.description")));

    private final NetworkStore store;
    private final SecurityGroupHandlers groups;
    private final NetworkQuotas quotas;

    SecurityGroupRuleHandlers(NetworkStore store, SecurityGroupHandlers groups, NetworkQuotas quotas) {
        this.store = store;
        this.groups = groups;
        this.quotas = quotas;
    }

    void register(Router router) {
        router.get("/v2.0/security-group-rules", this::list);
        router.post("/v2.0/security-group-rules", this::create);
        router.get("/v2.0/security-group-rules/{id}", this::show);
        router.delete("/v2.0/security-group-rules/{id}", this::delete);
    }

    private SecurityGroupRule owned(AuthContext auth, String id) {
        return store.repositories().securityGroups().findRule(id)
                .filter(r -> NetworkPolicy.owns(auth, r.projectId()))
                .orElseThrow(() -> Neutron.notFound("SecurityGroupRuleNotFound",
                        "Security group rule " + Neutron.show(id) + " does not exist"));
    }

    private void list(Context ctx, AuthContext auth) {
        Filters filters = new Filters();
        if (!auth.isAdmin()) {
            filters.equal("t.project_id", NetworkPolicy.requireProject(auth));
        }
        NeutronLists.Page page = NeutronLists.page(ctx, COLUMNS, Set.of(), filters);
        List<SecurityGroupRule> rules = store.repositories().securityGroups().listRules(page.listing());
        NeutronLists.respond(ctx, "security_group_rules", page, rules, NetworkViews::rule, SecurityGroupRule::id);
    }

    private void show(Context ctx, AuthContext auth) {
        Responses.json(ctx, 200, Json.object().set("security_group_rule",
                NeutronLists.selectFields(ctx, NetworkViews.rule(owned(auth, ctx.pathParam("id"))))));
    }

    private void delete(Context ctx, AuthContext auth) {
        SecurityGroupRule rule = owned(auth, ctx.pathParam("id"));
        store.repositories().securityGroups().deleteRule(rule.id());
        Responses.noContent(ctx);
    }

    private void create(Context ctx, AuthContext auth) {
        ObjectNode body = Neutron.body(ctx, "security_group_rule", CREATE);
        NetworkPolicy.ownerFor(auth, body);
        String groupId = Neutron.string(body, "security_group_id", null, 36);
        if (groupId == null) {
            throw Neutron.badRequest("Failed to parse request. Required attribute 'security_group_id' not specified");
        }
        String direction = Neutron.string(body, "direction", null, 16);
        if (direction == null) {
            throw Neutron.badRequest("Failed to parse request. Required attribute 'direction' not specified");
        }
        if (!direction.equals("ingress") && !direction.equals("egress")) {
            throw Neutron.invalid("direction", "'" + Neutron.show(direction) + "' is not in ['ingress', 'egress']");
        }
        String ethertype = ethertype(Neutron.string(body, "ethertype", "IPv4", 16));
        String protocol = protocol(body.get("protocol"));
        Integer min = Neutron.integer(body, "port_range_min", null, 0, 65535);
        Integer max = Neutron.integer(body, "port_range_max", null, 0, 65535);
        checkPorts(protocol, min, max);
        String remoteIp = remoteIpPrefix(Neutron.nullableString(body, "remote_ip_prefix", null, 64), ethertype);
        String remoteGroup = Neutron.nullableString(body, "remote_group_id", null, 36);
        if (remoteIp != null && remoteGroup != null) {
            throw Neutron.badRequest("Only remote_ip_prefix or remote_group_id may be provided.");
        }
        SecurityGroup group = groups.owned(auth, groupId);
        if (remoteGroup != null) {
            groups.owned(auth, remoteGroup);
        }
        Instant now = store.now();
        SecurityGroupRule rule = new SecurityGroupRule(Ids.uuid(), group.projectId(), group.id(), direction, ethertype,
                protocol, min, max, remoteIp, remoteGroup, Neutron.string(body, "description", "", 255), 0, now, now);
        store.jdbi().useTransaction(h -> {
            for (SecurityGroupRule existing : store.repositories().securityGroups().rules(List.of(group.id()))) {
                if (sameRule(existing, rule)) {
                    throw Neutron.conflict("SecurityGroupRuleExists",
                            "Security group rule already exists. Rule id is " + existing.id() + ".");
                }
            }
            quotas.check(group.projectId(), "security_group_rule");
            store.repositories().securityGroups().insertRule(rule);
        });
        Responses.json(ctx, 201, Json.object().set("security_group_rule", NetworkViews.rule(rule)));
    }

    private static boolean sameRule(SecurityGroupRule a, SecurityGroupRule b) {
        return a.direction().equals(b.direction()) && a.ethertype().equals(b.ethertype())
                && Objects.equals(a.protocol(), b.protocol()) && Objects.equals(a.portRangeMin(), b.portRangeMin())
                && Objects.equals(a.portRangeMax(), b.portRangeMax()) && Objects.equals(a.remoteIpPrefix(), b.remoteIpPrefix())
                && Objects.equals(a.remoteGroupId(), b.remoteGroupId());
    }

    private static String ethertype(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "ipv4" -> "IPv4";
            case "ipv6" -> "IPv6";
            default -> throw Neutron.invalid("ethertype", "'" + Neutron.show(text) + "' is not in ['IPv4', 'IPv6']");
        };
    }

    private static String protocol(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isIntegralNumber() ? value.asText() : value.isTextual() ? value.textValue().toLowerCase(Locale.ROOT) : null;
        if (text == null) {
            throw Neutron.badRequest("Security group rule protocol " + Neutron.show(value.toString())
                    + " not supported. Only protocol values [" + String.join(", ", PROTOCOLS.stream().sorted().toList())
                    + "] and integer representations [0 to 255] are supported.");
        }
        if (text.equals("any") || text.isEmpty()) {
            return null;
        }
        if (text.matches("\\d{1,3}") && Integer.parseInt(text) <= 255) {
            return Integer.toString(Integer.parseInt(text));
        }
        if (!PROTOCOLS.contains(text)) {
            throw Neutron.badRequest("Security group rule protocol " + Neutron.show(text)
                    + " not supported. Only protocol values [" + String.join(", ", PROTOCOLS.stream().sorted().toList())
                    + "] and integer representations [0 to 255] are supported.");
        }
        return text;
    }

    private static void checkPorts(String protocol, Integer min, Integer max) {
        if (min == null && max == null) {
            return;
        }
        if (protocol == null) {
            throw Neutron.badRequest("Must also specify protocol if port range is given.");
        }
        if (PORTED.contains(protocol)) {
            if (min == null || max == null || min < 1 || min > max) {
                throw Neutron.badRequest("For TCP/UDP protocols, port_range_min must be <= port_range_max");
            }
        } else if (ICMP.contains(protocol)) {
            if ((min != null && min > 255) || (max != null && max > 255) || (min == null && max != null)) {
                throw Neutron.badRequest("Invalid value for ICMP " + (min == null || min > 255 ? "type" : "code")
                        + " (port-range-min): " + (min == null ? "None" : min) + ". It must be 0 to 255.");
            }
        } else {
            throw Neutron.badRequest("Invalid protocol " + protocol + " for port range, only supported for TCP, UDP, UDPLITE, SCTP and DCCP.");
        }
    }

    /** Neutron keeps the prefix as a network address: {@code 10.0.0.5/24} becomes {@code 10.0.0.0/24}. */
    private static String remoteIpPrefix(String text, String ethertype) {
        if (text == null) {
            return null;
        }
        String addressPart = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        String prefixPart = text.contains("/") ? text.substring(text.indexOf('/') + 1) : null;
        Cidr.Address address = Cidr.Address.parse(addressPart)
                .orElseThrow(() -> Neutron.invalid("remote_ip_prefix", "'" + Neutron.show(text) + "' is not a valid IP subnet"));
        int prefix = prefixPart == null ? address.bits() : prefixPart.matches("\\d{1,3}") ? Integer.parseInt(prefixPart) : -1;
        if (prefix < 0 || prefix > address.bits()) {
            throw Neutron.invalid("remote_ip_prefix", "'" + Neutron.show(text) + "' is not a valid IP subnet");
        }
        if ((address.version() == 4) != ethertype.equals("IPv4")) {
            throw Neutron.badRequest("Conflicting value ethertype " + ethertype + " for CIDR " + Neutron.show(text));
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(address.bits() - prefix).subtract(BigInteger.ONE);
        return new Cidr.Address(address.version(), address.value().andNot(hostMask)) + "/" + prefix;
    }
}
