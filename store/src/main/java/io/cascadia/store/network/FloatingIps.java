package io.cascadia.store.network;

import io.cascadia.core.network.FloatingIp;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Floating IPs. The address itself is an allocation of the floating port on the external network. */
public final class FloatingIps {
    private static final RowMapper<FloatingIp> MAPPER = (rs, ctx) -> new FloatingIp(rs.getString("id"),
            rs.getString("project_id"), rs.getString("floating_network_id"), rs.getString("floating_ip_address"),
            rs.getString("floating_port_id"), rs.getString("port_id"), rs.getString("fixed_ip_address"),
            rs.getString("router_id"), rs.getString("status"), rs.getString("description"), rs.getLong("revision_number"),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

    private final Jdbi jdbi;

    public FloatingIps(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(FloatingIp ip) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into floating_ip (id, project_id, floating_network_id, floating_ip_address, floating_port_id,
                          port_id, fixed_ip_address, router_id, status, description, revision_number, created_at, updated_at)
                        values (:id, :projectId, :floatingNetworkId, :floatingIpAddress, :floatingPortId, :portId,
                          :fixedIpAddress, :routerId, :status, :description, :revisionNumber, :createdAt, :updatedAt)""")
                .bindMethods(ip).execute());
    }

    public void update(FloatingIp ip) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update floating_ip set port_id = :portId, fixed_ip_address = :fixedIpAddress, router_id = :routerId,
                          status = :status, description = :description, revision_number = :revisionNumber,
                          updated_at = :updatedAt where id = :id""")
                .bindMethods(ip).execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from floating_ip where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<FloatingIp> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from floating_ip where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public List<FloatingIp> list(Listing listing) {
        return jdbi.withHandle(h -> listing.query(h, "t.*", "floating_ip", "id", MAPPER));
    }

    public List<FloatingIp> listForPort(String portId) {
        return jdbi.withHandle(h -> h.createQuery("select * from floating_ip where port_id = :p").bind("p", portId)
                .map(MAPPER).list());
    }

    /** Unbinds every floating IP from the port, as Neutron does when the port goes away. */
    public void disassociatePort(String portId) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update floating_ip set port_id = null, fixed_ip_address = null, router_id = null, status = 'DOWN'
                        where port_id = :p""").bind("p", portId).execute());
    }

    public int countForProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from floating_ip where project_id = :p")
                .bind("p", projectId).mapTo(Integer.class).one());
    }
}
