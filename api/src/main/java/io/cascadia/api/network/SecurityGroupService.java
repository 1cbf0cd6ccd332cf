package io.cascadia.api.network;

import io.cascadia.core.id.Ids;
import io.cascadia.core.network.SecurityGroup;
import io.cascadia.core.network.SecurityGroupRule;
import io.cascadia.store.Constraints;
import io.cascadia.store.network.SecurityGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Security groups as other parts of the top use them: every project's {@code default} group, made on first use
 * with Neutron's default rules, and groups named by id or name in a server create.
 */
public final class SecurityGroupService {
    private final NetworkStore store;

    SecurityGroupService(NetworkStore store) {
        this.store = store;
    }

    /**
     * The id of the project's default group, created with Neutron's four default rules (all egress; ingress from
     * members of the group) when the project has none. Call it outside any open transaction: when two first
     * requests race, the loser's insert fails on the unique key and it reads the winner's group instead.
     */
    public String ensureDefault(String projectId) {
        SecurityGroups groups = store.repositories().securityGroups();
        return groups.defaultGroupId(projectId).orElseGet(() -> {
            try {
                return store.jdbi().inTransaction(h -> {
                    Instant now = store.now();
                    SecurityGroup group = new SecurityGroup(Ids.uuid(), projectId, SecurityGroup.DEFAULT_NAME,
                            "Default security group", true, 1, now, now);
                    groups.insert(group);
                    groups.insertDefault(projectId, group.id());
                    for (String ethertype : List.of("IPv4", "IPv6")) {
                        groups.insertRule(rule(group, "egress", ethertype, null, now));
                        groups.insertRule(rule(group, "ingress", ethertype, group.id(), now));
                    }
                    return group.id();
                });
            } catch (RuntimeException e) {
                if (Constraints.isUniqueViolation(e)) {
                    return groups.defaultGroupId(projectId).orElseThrow(() -> e);
                }
                throw e;
            }
        });
    }

    /** The rules a new group starts with: egress to anywhere for both IP versions. */
    static List<SecurityGroupRule> initialRules(SecurityGroup group, Instant now) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (String ethertype : List.of("IPv4", "IPv6")) {
            rules.add(rule(group, "egress", ethertype, null, now));
        }
        return rules;
    }

    /**
     * Resolves names or ids of the project's security groups, as Nova's {@code security_groups} give them.
     *
     * @throws io.cascadia.core.error.OpenStackException BAD_REQUEST naming the first group that does not exist or
     *     is ambiguous
     */
    public List<SecurityGroup> resolve(String projectId, List<String> namesOrIds) {
        List<SecurityGroup> resolved = new ArrayList<>();
        for (String wanted : namesOrIds) {
            if (wanted.equals(SecurityGroup.DEFAULT_NAME)) {
                ensureDefault(projectId);
            }
            List<SecurityGroup> byName = store.repositories().securityGroups().findByName(projectId, wanted);
            if (byName.size() == 1) {
                resolved.add(byName.getFirst());
                continue;
            }
            if (byName.size() > 1) {
                throw io.cascadia.core.error.OpenStackException.conflict(
                        "Multiple security_group matches found for name '" + Neutron.show(wanted) + "', use an ID to be more specific.");
            }
            resolved.add(store.repositories().securityGroups().find(wanted)
                    .filter(g -> g.projectId().equals(projectId))
                    .orElseThrow(() -> io.cascadia.core.error.OpenStackException.badRequest(
                            "Security group " + Neutron.show(wanted) + " not found for project " + projectId + ".")));
        }
        return resolved;
    }

    private static SecurityGroupRule rule(SecurityGroup group, String direction, String ethertype, String remoteGroup,
                                          Instant now) {
        return new SecurityGroupRule(Ids.uuid(), group.projectId(), group.id(), direction, ethertype, null, null, null,
                null, remoteGroup, "", 0, now, now);
    }
}
