package io.cascadia.store.compute;

import io.cascadia.core.compute.Keypair;
import io.cascadia.store.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Nova keypairs, owned by users and unique by name per user. */
public final class Keypairs {
    private static final RowMapper<Keypair> MAPPER = (rs, ctx) -> new Keypair(rs.getLong("id"), rs.getString("user_id"), rs.getString("name"),
            rs.getString("type"), rs.getString("public_key"), rs.getString("fingerprint"), Rows.instant(rs, "created_at"));

    private final Jdbi jdbi;

    public Keypairs(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts the keypair; a unique violation means the user already has one of that name. */
    public void insert(Keypair keypair) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into keypair (user_id, name, type, public_key, fingerprint, created_at)
                        values (:userId, :name, :type, :publicKey, :fingerprint, :createdAt)""")
                .bindMethods(keypair).execute());
    }

    public Optional<Keypair> find(String userId, String name) {
        return jdbi.withHandle(h -> h.createQuery("select * from keypair where user_id = :u and name = :n")
                .bind("u", userId).bind("n", name).map(MAPPER).findOne());
    }

    /** A keypair by its id, which is never reused: how the proxies find the top keypair of a copy. */
    public Optional<Keypair> findById(long id) {
        return jdbi.withHandle(h -> h.createQuery("select * from keypair where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public List<Keypair> list(String userId) {
        return jdbi.withHandle(h -> h.createQuery("select * from keypair where user_id = :u order by name")
                .bind("u", userId).map(MAPPER).list());
    }

    public int count(String userId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from keypair where user_id = :u")
                .bind("u", userId).mapTo(Integer.class).one());
    }

    public boolean delete(String userId, String name) {
        return jdbi.withHandle(h -> h.createUpdate("delete from keypair where user_id = :u and name = :n")
                .bind("u", userId).bind("n", name).execute()) > 0;
    }
}
