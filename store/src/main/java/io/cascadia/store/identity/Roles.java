package io.cascadia.store.identity;

import io.cascadia.core.identity.Role;
import io.cascadia.store.Filters;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Keystone roles and the implications between them. */
public final class Roles {
    private static final RowMapper<Role> MAPPER = (rs, ctx) -> new Role(
            rs.getString("id"), rs.getString("name"), rs.getString("description"));

    private final Jdbi jdbi;

    public Roles(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Role role) {
        jdbi.useHandle(h -> h.createUpdate("insert into role (id, name, description) values (:id, :name, :description)")
                .bindMethods(role)
                .execute());
    }

    public void update(Role role) {
        jdbi.useHandle(h -> h.createUpdate("update role set name = :name, description = :description where id = :id")
                .bindMethods(role)
                .execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from role where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Role> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from role where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public Optional<Role> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("select * from role where name = :name").bind("name", name).map(MAPPER).findOne());
    }

    public List<Role> list(String name) {
        Filters filters = new Filters().equal("name", name);
        return jdbi.withHandle(h -> filters.bind(h.createQuery("select * from role" + filters.whereClause() + " order by name"))
                .map(MAPPER).list());
    }

    public void addImplied(String priorRoleId, String impliedRoleId) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into implied_role (prior_role_id, implied_role_id) values (:prior, :implied)
                        on conflict do nothing""")
                .bind("prior", priorRoleId).bind("implied", impliedRoleId).execute());
    }

    /** Every (prior, implied) pair. Small: a deployment has a handful of implications. */
    public List<String[]> implications() {
        return jdbi.withHandle(h -> h.createQuery("select prior_role_id, implied_role_id from implied_role")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list());
    }
}
