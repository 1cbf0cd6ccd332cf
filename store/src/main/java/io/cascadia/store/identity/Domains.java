package io.cascadia.store.identity;

import io.cascadia.core.identity.Domain;
import io.cascadia.store.Filters;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Keystone domains. */
public final class Domains {
    private static final RowMapper<Domain> MAPPER = (rs, ctx) -> new Domain(
            rs.getString("id"), rs.getString("name"), rs.getString("description"), rs.getBoolean("enabled"));

    private final Jdbi jdbi;

    public Domains(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Domain domain) {
        jdbi.useHandle(h -> h.createUpdate(
                        "insert into domain (id, name, description, enabled) values (:id, :name, :description, :enabled)")
                .bindMethods(domain)
                .execute());
    }

    public void update(Domain domain) {
        jdbi.useHandle(h -> h.createUpdate(
                        "update domain set name = :name, description = :description, enabled = :enabled where id = :id")
                .bindMethods(domain)
                .execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from domain where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Domain> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from domain where id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    public Optional<Domain> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("select * from domain where name = :name")
                .bind("name", name).map(MAPPER).findOne());
    }

    public List<Domain> list(String name, Boolean enabled) {
        Filters filters = new Filters().equal("name", name).equal("enabled", enabled);
        return jdbi.withHandle(h -> filters.bind(h.createQuery("select * from domain" + filters.whereClause() + " order by name"))
                .map(MAPPER).list());
    }
}
