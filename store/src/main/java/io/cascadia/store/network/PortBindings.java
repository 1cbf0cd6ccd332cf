package io.cascadia.store.network;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Where the copies of ports are bound in sites (host and tunnel endpoint) and their status there, as the l2 side
 * of the proxies observes it. The top port's status follows: ACTIVE once a copy is bound and up, DOWN otherwise.
 */
public final class PortBindings {
    private final Jdbi jdbi;

    /** One bound copy of a port, with what l2 population needs: network, MAC and IPs, and when it last changed. */
    public record Binding(String portId, String region, String host, String vtep, String status, String networkId,
                          String macAddress, Instant updatedAt) {
    }

    public PortBindings(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records the copy's binding and status; returns whether it changed. */
    public boolean observe(String portId, String region, String host, String vtep, String status, Instant now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            update port_binding set host = :host, vtep = :vtep, status = :status, updated_at = :now
                            where port_id = :portId and region = :region and (coalesce(host, '') <> coalesce(:host, '')
                              or coalesce(vtep, '') <> coalesce(:vtep, '') or status <> :status)""")
                    .bind("portId", portId).bind("region", region).bind("host", host).bind("vtep", vtep)
                    .bind("status", status).bind("now", now).execute();
            boolean exists = updated > 0 || h.createQuery(
                            "select count(*) from port_binding where port_id = :portId and region = :region")
                    .bind("portId", portId).bind("region", region).mapTo(Integer.class).one() > 0;
            if (!exists) {
                updated = h.createUpdate("""
                                insert into port_binding (port_id, region, host, vtep, status, updated_at)
                                values (:portId, :region, :host, :vtep, :status, :now)""")
                        .bind("portId", portId).bind("region", region).bind("host", host).bind("vtep", vtep)
                        .bind("status", status).bind("now", now).execute();
            }
            h.createUpdate("""
                            update port set status = :status, revision_number = revision_number + 1, updated_at = :now
                            where id = :portId and status <> :status""")
                    .bind("portId", portId).bind("status", status).bind("now", now).execute();
            return updated > 0;
        });
    }

    /**
     * The bottom ids of the port copies in the region not yet seen {@code ACTIVE} there, oldest first: what a delta
     * poll asks the site about (Neutron offers no list of what changed since a time).
     */
    public List<String> unsettledCopies(String region, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select r.bottom_id from routing r
                        left join port_binding b on b.port_id = r.top_id and b.region = r.region
                        where r.region = :region and r.resource_type = 'port' and r.bottom_id is not null
                          and (b.status is null or b.status <> 'ACTIVE')
                        order by r.updated_at limit :limit""")
                .bind("region", region).bind("limit", limit).mapTo(String.class).list());
    }

    /** A port copy of a region as the routing table has it: the top port and the copy's bottom id. */
    public record Copy(String topId, String bottomId) {
    }

    /** Up to {@code limit} port copies of the region after the top port {@code afterTopId} (null: from the first), by top id. */
    public List<Copy> copiesAfter(String region, String afterTopId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select top_id, bottom_id from routing
                        where region = :region and resource_type = 'port' and bottom_id is not null
                          and (cast(:after as varchar) is null or top_id > :after)
                        order by top_id limit :limit""")
                .bind("region", region).bind("after", afterTopId).bind("limit", limit)
                .map((rs, ctx) -> new Copy(rs.getString("top_id"), rs.getString("bottom_id"))).list());
    }

    /** Forgets the copy in one site (it was deleted there). */
    public void forget(String portId, String region) {
        jdbi.useHandle(h -> h.createUpdate("delete from port_binding where port_id = :portId and region = :region")
                .bind("portId", portId).bind("region", region).execute());
    }

    /** Bound copies of the ports of a network, in every site. */
    public List<Binding> forNetwork(String networkId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select b.*, p.network_id, p.mac_address from port_binding b join port p on p.id = b.port_id
                        where p.network_id = :networkId order by b.port_id, b.region""")
                .bind("networkId", networkId)
                .map(PortBindings::binding)
                .list());
    }

    /** The copies of one port, in every site. */
    public List<Binding> forPort(String portId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select b.*, p.network_id, p.mac_address from port_binding b join port p on p.id = b.port_id
                        where b.port_id = :portId order by b.region""")
                .bind("portId", portId)
                .map(PortBindings::binding)
                .list());
    }

    private static Binding binding(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Binding(rs.getString("port_id"), rs.getString("region"), rs.getString("host"), rs.getString("vtep"),
                rs.getString("status"), rs.getString("network_id"), rs.getString("mac_address"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
