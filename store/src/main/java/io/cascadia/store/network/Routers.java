package io.cascadia.store.network;

import io.cascadia.core.network.Router;
import io.cascadia.core.network.Router.Gateway;
import io.cascadia.core.network.Router.Route;
import io.cascadia.store.JsonText;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Neutron routers. Their interfaces are ports owned by {@code network:router_interface} with the router as device. */
public final class Routers {
    private static final RowMapper<Router> MAPPER = (rs, ctx) -> new Router(rs.getString("id"), rs.getString("project_id"),
            rs.getString("name"), rs.getString("description"), rs.getBoolean("admin_state_up"), rs.getBoolean("distributed"),
            rs.getString("gateway_network_id") == null ? null : new Gateway(rs.getString("gateway_network_id"),
                    rs.getBoolean("gateway_enable_snat"), rs.getString("gateway_port_id")),
            JsonText.list(rs.getString("routes"), Route.class),
            JsonText.list(rs.getString("availability_zone_hints"), String.class), rs.getLong("revision_number"),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

    private final Jdbi jdbi;

    public Routers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Router router) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into router (id, project_id, name, description, admin_state_up, distributed,
                          gateway_network_id, gateway_enable_snat, gateway_port_id, routes, availability_zone_hints,
                          revision_number, created_at, updated_at)
                        values (:id, :projectId, :name, :description, :adminStateUp, :distributed, :gwNetwork, :gwSnat,
                          :gwPort, :routes, :hints, :revisionNumber, :createdAt, :updatedAt)""")
                .bindMethods(router)
                .bind("gwNetwork", router.gateway() == null ? null : router.gateway().networkId())
                .bind("gwSnat", router.gateway() != null && router.gateway().enableSnat())
                .bind("gwPort", router.gateway() == null ? null : router.gateway().portId())
                .bind("routes", JsonText.write(router.routes()))
                .bind("hints", JsonText.write(router.availabilityZoneHints()))
                .execute());
    }

    public void update(Router router) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update router set name = :name, description = :description, admin_state_up = :adminStateUp,
                          distributed = :distributed, gateway_network_id = :gwNetwork, gateway_enable_snat = :gwSnat,
                          gateway_port_id = :gwPort, routes = :routes, revision_number = :revisionNumber,
                          updated_at = :updatedAt where id = :id""")
                .bindMethods(router)
                .bind("gwNetwork", router.gateway() == null ? null : router.gateway().networkId())
                .bind("gwSnat", router.gateway() != null && router.gateway().enableSnat())
                .bind("gwPort", router.gateway() == null ? null : router.gateway().portId())
                .bind("routes", JsonText.write(router.routes()))
                .execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from router where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Router> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from router where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public List<Router> list(Listing listing) {
        return jdbi.withHandle(h -> listing.query(h, "t.*", "router", "id", MAPPER));
    }

    public boolean usesNetworkAsGateway(String networkId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from router where gateway_network_id = :n")
                .bind("n", networkId).mapTo(Integer.class).one()) > 0;
    }

    public int countForProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from router where project_id = :p")
                .bind("p", projectId).mapTo(Integer.class).one());
    }
}
