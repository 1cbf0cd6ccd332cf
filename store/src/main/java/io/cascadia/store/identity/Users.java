package io.cascadia.store.identity;

import io.cascadia.core.identity.User;
import io.cascadia.store.Filters;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Keystone users with their password hashes. */
public final class Users {
    private static final RowMapper<User> MAPPER = (rs, ctx) -> new User(
            rs.getString("id"), rs.getString("domain_id"), rs.getString("name"), rs.getString("password_hash"),
            rs.getBoolean("enabled"), rs.getString("default_project_id"), rs.getString("email"),
            rs.getString("description"));

    private final Jdbi jdbi;

    public Users(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(User user) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into identity_user (id, domain_id, name, password_hash, enabled, default_project_id, email, description)
                        values (:id, :domainId, :name, :passwordHash, :enabled, :defaultProjectId, :email, :description)""")
                .bindMethods(user)
                .execute());
    }

    public void update(User user) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update identity_user set name = :name, password_hash = :passwordHash, enabled = :enabled,
                          default_project_id = :defaultProjectId, email = :email, description = :description
                        where id = :id""")
                .bindMethods(user)
                .execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from identity_user where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<User> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from identity_user where id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    public Optional<User> findByName(String domainId, String name) {
        return jdbi.withHandle(h -> h.createQuery("select * from identity_user where domain_id = :domainId and name = :name")
                .bind("domainId", domainId).bind("name", name).map(MAPPER).findOne());
    }

    public List<User> list(String domainId, String name, Boolean enabled) {
        Filters filters = new Filters().equal("domain_id", domainId).equal("name", name).equal("enabled", enabled);
        return jdbi.withHandle(h -> filters.bind(h.createQuery("select * from identity_user" + filters.whereClause() + " order by name"))
                .map(MAPPER).list());
    }

    public boolean existsInDomain(String domainId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from identity_user where domain_id = :d")
                .bind("d", domainId).mapTo(Integer.class).one()) > 0;
    }
}
