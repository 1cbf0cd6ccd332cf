package io.cascadia.store.network;

import io.cascadia.core.network.SecurityGroup;
import io.cascadia.core.network.SecurityGroupRule;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Security groups, their rules, and which group is each project's default. */
public final class SecurityGroups {
    private static final RowMapper<SecurityGroup> GROUP = (rs, ctx) -> new SecurityGroup(rs.getString("id"),
            rs.getString("project_id"), rs.getString("name"), rs.getString("description"), rs.getBoolean("stateful"),
            rs.getLong("revision_number"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    private static final RowMapper<SecurityGroupRule> RULE = (rs, ctx) -> new SecurityGroupRule(rs.getString("id"),
            rs.getString("project_id"), rs.getString("security_group_id"), rs.getString("direction"),
            rs.getString("ethertype"), rs.getString("protocol"), Rows.integer(rs, "port_range_min"),
            Rows.integer(rs, "port_range_max"), rs.getString("remote_ip_prefix"), rs.getString("remote_group_id"),
            rs.getString("description"), rs.getLong("revision_number"), Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private final Jdbi jdbi;

    public SecurityGroups(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(SecurityGroup group) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into security_group (id, project_id, name, description, stateful, revision_number,
                          created_at, updated_at)
                        values (:id, :projectId, :name, :description, :stateful, :revisionNumber, :createdAt, :updatedAt)""")
                .bindMethods(group).execute());
    }

    /** Records the project's default group; fails with a unique violation when another request made one first. */
    public void insertDefault(String projectId, String groupId) {
        jdbi.useHandle(h -> h.createUpdate(
                        "insert into default_security_group (project_id, security_group_id) values (:p, :g)")
                .bind("p", projectId).bind("g", groupId).execute());
    }

    public Optional<String> defaultGroupId(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select security_group_id from default_security_group where project_id = :p")
                .bind("p", projectId).mapTo(String.class).findOne());
    }

    public boolean isDefault(String groupId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from default_security_group where security_group_id = :g")
                .bind("g", groupId).mapTo(Integer.class).one()) > 0;
    }

    public void update(SecurityGroup group) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update security_group set name = :name, description = :description, stateful = :stateful,
                          revision_number = :revisionNumber, updated_at = :updatedAt where id = :id""")
                .bindMethods(group).execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from security_group where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<SecurityGroup> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from security_group where id = :id").bind("id", id)
                .map(GROUP).findOne());
    }

    public List<SecurityGroup> list(Listing listing) {
        return jdbi.withHandle(h -> listing.query(h, "t.*", "security_group", "id", GROUP));
    }

    public List<SecurityGroup> findAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("select * from security_group where id = any(:ids)")
                .bindArray("ids", String.class, ids).map(GROUP).list());
    }

    public List<SecurityGroup> findByName(String projectId, String name) {
        return jdbi.withHandle(h -> h.createQuery("select * from security_group where project_id = :p and name = :n")
                .bind("p", projectId).bind("n", name).map(GROUP).list());
    }

    public boolean inUse(String groupId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from port_security_group where security_group_id = :g")
                .bind("g", groupId).mapTo(Integer.class).one()) > 0;
    }

    public int countForProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from security_group where project_id = :p")
                .bind("p", projectId).mapTo(Integer.class).one());
    }

    public void insertRule(SecurityGroupRule rule) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into security_group_rule (id, project_id, security_group_id, direction, ethertype, protocol,
                          port_range_min, port_range_max, remote_ip_prefix, remote_group_id, description, revision_number,
                          created_at, updated_at)
                        values (:id, :projectId, :securityGroupId, :direction, :ethertype, :protocol, :portRangeMin,
                          :portRangeMax, :remoteIpPrefix, :remoteGroupId, :description, :revisionNumber, :createdAt, :updatedAt)""")
                .bindMethods(rule).execute());
    }

    public boolean deleteRule(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from security_group_rule where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<SecurityGroupRule> findRule(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from security_group_rule where id = :id").bind("id", id)
                .map(RULE).findOne());
    }

    public List<SecurityGroupRule> rules(List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery(
                        "select * from security_group_rule where security_group_id = any(:ids) order by created_at, id")
                .bindArray("ids", String.class, groupIds).map(RULE).list());
    }

    public List<SecurityGroupRule> listRules(Listing listing) {
        return jdbi.withHandle(h -> listing.query(h, "t.*", "security_group_rule", "id", RULE));
    }

    public int countRulesForProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from security_group_rule where project_id = :p")
                .bind("p", projectId).mapTo(Integer.class).one());
    }
}
