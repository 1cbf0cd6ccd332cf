package io.cascadia.store.identity;

import io.cascadia.core.identity.Project;
import io.cascadia.store.Filters;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Keystone projects. */
public final class Projects {
    private static final RowMapper<Project> MAPPER = (rs, ctx) -> new Project(
            rs.getString("id"), rs.getString("domain_id"), rs.getString("name"), rs.getString("description"),
            rs.getBoolean("enabled"), rs.getString("parent_id"));

    private final Jdbi jdbi;

    public Projects(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Project project) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into project (id, domain_id, name, description, enabled, parent_id)
                        values (:id, :domainId, :name, :description, :enabled, :parentId)""")
                .bindMethods(project)
                .execute());
    }

    public void update(Project project) {
        jdbi.useHandle(h -> h.createUpdate(
                        "update project set name = :name, description = :description, enabled = :enabled where id = :id")
                .bindMethods(project)
                .execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from project where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Project> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from project where id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    public Optional<Project> findByName(String domainId, String name) {
        return jdbi.withHandle(h -> h.createQuery("select * from project where domain_id = :domainId and name = :name")
                .bind("domainId", domainId).bind("name", name).map(MAPPER).findOne());
    }

    public List<Project> list(String domainId, String name, Boolean enabled, String parentId) {
        Filters filters = new Filters().equal("domain_id", domainId).equal("name", name).equal("enabled", enabled)
                .equal("parent_id", parentId);
        return jdbi.withHandle(h -> filters.bind(h.createQuery("select * from project" + filters.whereClause() + " order by name"))
                .map(MAPPER).list());
    }

    /** Projects on which the user holds any role, directly or inherited from the project's domain. */
    public List<Project> listForUser(String userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select * from project p where exists (
                          select 1 from role_assignment a where a.user_id = :userId and (
                            (a.target_type = 'PROJECT' and a.target_id = p.id and not a.inherited)
                            or (a.target_type = 'DOMAIN' and a.target_id = p.domain_id and a.inherited)))
                        order by p.name""")
                .bind("userId", userId).map(MAPPER).list());
    }

    public boolean existsInDomain(String domainId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from project where domain_id = :d")
                .bind("d", domainId).mapTo(Integer.class).one()) > 0;
    }
}
