package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.web.AuthContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Security groups and their rules. Each project gets its {@code default} group, with Neutron's four default rules,
 * the first time it needs one; a new group starts with the two egress rules.
 */
final class SecurityGroups {
    static final Set<String> CREATE_ATTRIBUTES = Set.of("name", "description", "stateful", "project_id", "tenant_id");
    static final Set<String> UPDATE_ATTRIBUTES = Set.of("name", "description", "stateful");
    static final Set<String> RULE_ATTRIBUTES = Set.of("security_group_id", "direction", "ethertype", "protocol",
            "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id", "description", "project_id",
            "tenant_id");
    private static final Map<String, Integer> PROTOCOLS = Map.of("tcp", 6, "udp", 17, "icmp", 1, "icmpv6", 58,
            "sctp", 132, "gre", 47, "esp", 50, "ah", 51, "ipv6-icmp", 58, "vrrp", 112);

    private final NeutronState state;

    SecurityGroups(NeutronState state) {
        this.state = state;
    }

    SecurityGroup visible(AuthContext auth, String id) {
        return state.securityGroups.find(id)
                .filter(group -> NeutronPolicy.owns(auth, group.projectId()))
                .orElseThrow(() -> NeutronErrors.securityGroupNotFound(id));
    }

    /** The project's default group, created with its rules on first need. Must run under the write lock. */
    SecurityGroup ensureDefault(String projectId) {
        for (SecurityGroup group : state.securityGroups.ordered(projectId).values()) {
            if (group.name().equals(SecurityGroup.DEFAULT_NAME)) {
                return group;
            }
        }
        Instant now = state.now();
        SecurityGroup group = new SecurityGroup(Ids.uuid(), state.strings.of(projectId), SecurityGroup.DEFAULT_NAME,
                "Default security group", true, List.of(), now, now, 1);
        state.securityGroups.put(group);
        for (String ethertype : List.of("IPv4", "IPv6")) {
            addRule(group, "ingress", ethertype, group.id(), now);
            addRule(group, "egress", ethertype, null, now);
        }
        return group;
    }

    /** Makes sure the caller's project has its default group; Neutron creates it on the project's first call. */
    void ensureDefaultFor(AuthContext auth) {
        String project = NeutronPolicy.project(auth);
        if (!project.isEmpty()) {
            state.writeVoid(() -> ensureDefault(project));
        }
    }

    private void addRule(SecurityGroup group, String direction, String ethertype, String remoteGroupId, Instant now) {
        state.putRule(new SecurityGroupRule(Ids.uuid(), group.projectId(), group.id(), direction, ethertype, null, null,
                null, null, remoteGroupId, "", now, now, 0));
    }

    /** Resolves group ids or names of a project, as Nova passes names; 404 for an unknown one. */
    List<String> resolve(String projectId, List<String> idsOrNames) {
        return idsOrNames.stream().map(key -> state.securityGroups.find(key)
                .filter(group -> group.projectId().equals(projectId))
                .or(() -> state.securityGroups.ordered(projectId).values().stream()
                        .filter(group -> group.name().equals(key)).findFirst())
                .or(() -> SecurityGroup.DEFAULT_NAME.equals(key) ? Optional.of(ensureDefault(projectId)) : Optional.empty())
                .map(SecurityGroup::id)
                .orElseThrow(() -> NeutronErrors.securityGroupNotFound(key)))
                .distinct()
                .toList();
    }

    SecurityGroup create(AuthContext auth, ObjectNode body) {
        String projectId = NeutronPolicy.targetProject(auth, NeutronBodies.string(body, "project_id")
                .or(() -> NeutronBodies.string(body, "tenant_id")), "security_group");
        String name = NeutronBodies.limitedString(body, "name", 255).orElse("");
        if (name.equals(SecurityGroup.DEFAULT_NAME)) {
            throw NeutronErrors.conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
        }
        String description = NeutronBodies.limitedString(body, "description", 255).orElse("");
        boolean stateful = NeutronBodies.bool(body, "stateful").orElse(true);
        return state.write(() -> {
            ensureDefault(projectId);
            Instant now = state.now();
            SecurityGroup group = new SecurityGroup(Ids.uuid(), state.strings.of(projectId), name, description, stateful,
                    List.of(), now, now, 1);
            state.securityGroups.put(group);
            addRule(group, "egress", "IPv4", null, now);
            addRule(group, "egress", "IPv6", null, now);
            return group;
        });
    }

    SecurityGroup update(AuthContext auth, String id, ObjectNode body) {
        return state.write(() -> {
            SecurityGroup current = visible(auth, id);
            Optional<String> name = NeutronBodies.limitedString(body, "name", 255);
            if (current.name().equals(SecurityGroup.DEFAULT_NAME) && name.isPresent()
                    && !name.get().equals(SecurityGroup.DEFAULT_NAME)) {
                throw NeutronErrors.conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
            }
            SecurityGroup updated = current.with(name.orElse(current.name()),
                    NeutronBodies.limitedString(body, "description", 255).orElse(current.description()),
                    NeutronBodies.bool(body, "stateful").orElse(current.stateful()), state.now());
            state.securityGroups.put(updated);
            return updated;
        });
    }

    void delete(AuthContext auth, String id) {
        state.writeVoid(() -> {
            SecurityGroup group = visible(auth, id);
            if (group.name().equals(SecurityGroup.DEFAULT_NAME) && !auth.isAdmin()) {
                throw NeutronErrors.conflict("SecurityGroupCannotRemoveDefault",
                        "Insufficient rights for removing default security group.");
            }
            boolean inUse = state.ports.ordered(null).values().stream()
                    .anyMatch(port -> port.securityGroupIds().contains(id));
            if (inUse) {
                throw NeutronErrors.conflict("SecurityGroupInUse", "Security Group " + id + " in use.");
            }
            state.rulesOf(id).forEach(state::removeRule);
            state.securityGroups.remove(id);
        });
    }

    SecurityGroupRule visibleRule(AuthContext auth, String id) {
        return state.rules.find(id)
                .filter(rule -> NeutronPolicy.owns(auth, rule.projectId()))
                .orElseThrow(() -> NeutronErrors.ruleNotFound(id));
    }

    SecurityGroupRule createRule(AuthContext auth, ObjectNode body) {
        String groupId = NeutronBodies.string(body, "security_group_id")
                .orElseThrow(() -> NeutronErrors.badRequest("Failed to parse request. Required attribute 'security_group_id' not specified"));
        String direction = NeutronBodies.string(body, "direction")
                .orElseThrow(() -> NeutronErrors.badRequest("Failed to parse request. Required attribute 'direction' not specified"));
        if (!direction.equals("ingress") && !direction.equals("egress")) {
            throw NeutronErrors.invalidAttribute("direction", "'" + NeutronBodies.shorten(direction) + "' is not in ['ingress', 'egress']");
        }
        String ethertype = NeutronBodies.string(body, "ethertype").orElse("IPv4");
        if (!ethertype.equals("IPv4") && !ethertype.equals("IPv6")) {
            throw NeutronErrors.invalidAttribute("ethertype", "'" + NeutronBodies.shorten(ethertype) + "' is not in ['IPv4', 'IPv6']");
        }
        String protocol = protocol(body);
        Integer min = NeutronBodies.integer(body, "port_range_min").orElse(null);
        Integer max = NeutronBodies.integer(body, "port_range_max").orElse(null);
        checkPorts(protocol, min, max);
        String prefix = NeutronBodies.nullableString(body, "remote_ip_prefix").flatMap(v -> v).map(text -> {
            Cidr cidr = Cidr.parse(text).orElseThrow(() -> NeutronErrors.invalidAttribute("remote_ip_prefix",
                    "'" + NeutronBodies.shorten(text) + "' is not a valid IP subnet"));
            if ((cidr.version() == 4) != ethertype.equals("IPv4")) {
                throw NeutronErrors.conflict("SecurityGroupRuleParameterConflict", "Conflicting value ethertype "
                        + ethertype + " for CIDR " + cidr.text());
            }
            return cidr.text();
        }).orElse(null);
        String remoteGroup = NeutronBodies.nullableString(body, "remote_group_id").flatMap(v -> v).orElse(null);
        if (prefix != null && remoteGroup != null) {
            throw NeutronErrors.badRequest("Only remote_ip_prefix or remote_group_id may be provided.");
        }
        String description = NeutronBodies.limitedString(body, "description", 255).orElse("");
        return state.write(() -> {
            SecurityGroup group = visible(auth, groupId);
            if (remoteGroup != null) {
                visible(auth, remoteGroup);
            }
            Instant now = state.now();
            SecurityGroupRule rule = new SecurityGroupRule(Ids.uuid(), group.projectId(), group.id(), direction, ethertype,
                    protocol, min, max, prefix, remoteGroup, description, now, now, 0);
            for (SecurityGroupRule existing : state.rulesOf(group.id())) {
                if (existing.sameTrafficAs(rule)) {
                    throw NeutronErrors.conflict("SecurityGroupRuleExists",
                            "Security group rule already exists. Rule id is " + existing.id() + ".");
                }
            }
            state.putRule(rule);
            state.securityGroups.put(group.with(group.name(), group.description(), group.stateful(), now));
            return rule;
        });
    }

    private static String protocol(ObjectNode body) {
        Optional<String> given = body.has("protocol") && body.get("protocol").isIntegralNumber()
                ? Optional.of(body.get("protocol").asText())
                : NeutronBodies.nullableString(body, "protocol").flatMap(v -> v);
        if (given.isEmpty() || given.get().equalsIgnoreCase("any")) {
            return null;
        }
        String protocol = given.get().toLowerCase(Locale.ROOT);
        if (PROTOCOLS.containsKey(protocol)) {
            return protocol;
        }
        try {
            int number = Integer.parseInt(protocol);
            if (number >= 0 && number <= 255) {
                return protocol;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw NeutronErrors.badRequest("Security group rule protocol " + NeutronBodies.shorten(protocol)
                + " not supported. Only protocol values " + PROTOCOLS.keySet() + " and integer representations [0 to 255] are supported.");
    }

    private static void checkPorts(String protocol, Integer min, Integer max) {
        if (min == null && max == null) {
            return;
        }
        if (protocol == null) {
            throw NeutronErrors.badRequest("Must also specify protocol if port range is given.");
        }
        if ("tcp".equals(protocol) || "udp".equals(protocol) || "sctp".equals(protocol)) {
            if (min == null || max == null || min < 1 || max > 65535 || min > max) {
                throw NeutronErrors.badRequest("For TCP/UDP protocols, port_range_min must be <= port_range_max");
            }
        } else if ((min != null && (min < 0 || min > 255)) || (max != null && (max < 0 || max > 255))) {
            throw NeutronErrors.badRequest("Invalid value for ICMP type or code: must be 0..255");
        }
    }

    void deleteRule(AuthContext auth, String id) {
        state.writeVoid(() -> {
            SecurityGroupRule rule = visibleRule(auth, id);
            state.removeRule(rule);
            state.securityGroups.find(rule.securityGroupId()).ifPresent(group ->
                    state.securityGroups.put(group.with(group.name(), group.description(), group.stateful(), state.now())));
        });
    }
}
