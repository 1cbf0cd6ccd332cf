package io.cascadia.store.network;

import io.cascadia.core.network.Network;
import io.cascadia.store.JsonText;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Neutron networks. */
public final class Networks {
    static final RowMapper<Network> MAPPER = (rs, ctx) -> new Network(rs.getString("id"), rs.getString("project_id"),
            rs.getString("name"), rs.getString("description"), rs.getBoolean("admin_state_up"), rs.getBoolean("shared"),
            rs.getBoolean("external"), rs.getInt("mtu"), rs.getBoolean("port_security_enabled"),
            JsonText.list(rs.getString("availability_zone_hints"), String.class), rs.getLong("revision_number"),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

    private final Jdbi jdbi;

    public Networks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Network network) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into network (id, project_id, name, description, admin_state_up, shared, external, mtu,
                          port_security_enabled, availability_zone_hints, revision_number, created_at, updated_at)
                        values (:id, :projectId, :name, :description, :adminStateUp, :shared, :external, :mtu,
                          :portSecurityEnabled, :hints, :revisionNumber, :createdAt, :updatedAt)""")
                .bindMethods(network)
                .bind("hints", JsonText.write(network.availabilityZoneHints()))
                .execute());
    }

    public void update(Network network) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update network set name = :name, description = :description, admin_state_up = :adminStateUp,
                          shared = :shared, external = :external, mtu = :mtu, port_security_enabled = :portSecurityEnabled,
                          revision_number = :revisionNumber, updated_at = :updatedAt where id = :id""")
                .bindMethods(network)
                .execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from network where id = :id").bind("id", id).execute()) > 0;
    }

    /**
     * Locks the network's row until the caller's transaction ends, so address allocations on one network take turns
     * instead of colliding on the same free address (on H2 a collision is a lock timeout, not a unique violation).
     */
    public void lockForAllocation(String id) {
        jdbi.useHandle(h -> h.createQuery("select id from network where id = :id for update").bind("id", id)
                .mapTo(String.class).findOne());
    }

    public Optional<Network> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from network where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /** One page; the listing's filters use alias {@code t}. */
    public List<Network> list(Listing listing) {
        return jdbi.withHandle(h -> listing.query(h, "t.*", "network", "id", MAPPER));
    }

    public int countForProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from network where project_id = :p")
                .bind("p", projectId).mapTo(Integer.class).one());
    }
}
