package io.cascadia.store.identity;

import io.cascadia.core.identity.RoleAssignment;
import io.cascadia.core.identity.RoleAssignment.TargetType;
import io.cascadia.store.Filters;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Who holds which role where. */
public final class RoleAssignments {
    private static final RowMapper<RoleAssignment> MAPPER = (rs, ctx) -> new RoleAssignment(
            rs.getString("user_id"), TargetType.valueOf(rs.getString("target_type")), rs.getString("target_id"),
            rs.getString("role_id"), rs.getBoolean("inherited"));

    private final Jdbi jdbi;

    public RoleAssignments(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Grants the role; granting it twice is a no-op, as in Keystone. */
    public void grant(RoleAssignment assignment) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into role_assignment (user_id, target_type, target_id, role_id, inherited)
                        values (:userId, :targetType, :targetId, :roleId, :inherited) on conflict do nothing""")
                .bind("userId", assignment.userId())
                .bind("targetType", assignment.targetType().name())
                .bind("targetId", assignment.targetId())
                .bind("roleId", assignment.roleId())
                .bind("inherited", assignment.inherited())
                .execute());
    }

    public boolean revoke(RoleAssignment assignment) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        delete from role_assignment where user_id = :userId and target_type = :targetType
                          and target_id = :targetId and role_id = :roleId and inherited = :inherited""")
                .bind("userId", assignment.userId())
                .bind("targetType", assignment.targetType().name())
                .bind("targetId", assignment.targetId())
                .bind("roleId", assignment.roleId())
                .bind("inherited", assignment.inherited())
                .execute()) > 0;
    }

    public boolean exists(RoleAssignment assignment) {
        return !list(assignment.userId(), assignment.targetType(), assignment.targetId(), assignment.roleId())
                .stream().filter(a -> a.inherited() == assignment.inherited()).toList().isEmpty();
    }

    /** Assignments matching every given filter; a null filter matches all. */
    public List<RoleAssignment> list(String userId, TargetType targetType, String targetId, String roleId) {
        Filters filters = new Filters()
                .equal("user_id", userId)
                .equal("target_type", targetType == null ? null : targetType.name())
                .equal("target_id", targetId)
                .equal("role_id", roleId);
        return jdbi.withHandle(h -> filters.bind(h.createQuery(
                        "select * from role_assignment" + filters.whereClause() + " order by user_id, target_id, role_id"))
                .map(MAPPER).list());
    }

    /** Role ids the user holds on the project: direct, or inherited from the project's domain. */
    public List<String> roleIdsOnProject(String userId, String projectId, String projectDomainId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select distinct role_id from role_assignment where user_id = :userId and (
                          (target_type = 'PROJECT' and target_id = :projectId and not inherited)
                          or (target_type = 'DOMAIN' and target_id = :domainId and inherited))""")
                .bind("userId", userId).bind("projectId", projectId).bind("domainId", projectDomainId)
                .mapTo(String.class).list());
    }

    /** Role ids the user holds on the domain itself (inherited assignments do not count). */
    public List<String> roleIdsOnDomain(String userId, String domainId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select distinct role_id from role_assignment where user_id = :userId
                          and target_type = 'DOMAIN' and target_id = :domainId and not inherited""")
                .bind("userId", userId).bind("domainId", domainId)
                .mapTo(String.class).list());
    }

    public void deleteForTarget(TargetType type, String targetId) {
        jdbi.useHandle(h -> h.createUpdate("delete from role_assignment where target_type = :t and target_id = :id")
                .bind("t", type.name()).bind("id", targetId).execute());
    }
}
