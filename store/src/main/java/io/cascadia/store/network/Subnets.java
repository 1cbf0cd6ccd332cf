package io.cascadia.store.network;

import io.cascadia.core.network.Subnet;
import io.cascadia.core.network.Subnet.AllocationPool;
import io.cascadia.core.network.Subnet.HostRoute;
import io.cascadia.store.JsonText;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Neutron subnets. */
public final class Subnets {
    static final RowMapper<Subnet> MAPPER = (rs, ctx) -> new Subnet(rs.getString("id"), rs.getString("project_id"),
            rs.getString("network_id"), rs.getString("name"), rs.getString("description"), rs.getInt("ip_version"),
            rs.getString("cidr"), rs.getString("gateway_ip"), rs.getBoolean("enable_dhcp"),
            JsonText.list(rs.getString("allocation_pools"), AllocationPool.class),
            JsonText.list(rs.getString("dns_nameservers"), String.class),
            JsonText.list(rs.getString("host_routes"), HostRoute.class), rs.getLong("revision_number"),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

    private final Jdbi jdbi;

    public Subnets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Subnet subnet) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into subnet (id, project_id, network_id, name, description, ip_version, cidr, gateway_ip,
                          enable_dhcp, allocation_pools, dns_nameservers, host_routes, revision_number, created_at, updated_at)
                        values (:id, :projectId, :networkId, :name, :description, :ipVersion, :cidr, :gatewayIp,
                          :enableDhcp, :pools, :dns, :routes, :revisionNumber, :createdAt, :updatedAt)""")
                .bindMethods(subnet)
                .bind("pools", JsonText.write(subnet.allocationPools()))
                .bind("dns", JsonText.write(subnet.dnsNameservers()))
                .bind("routes", JsonText.write(subnet.hostRoutes()))
                .execute());
    }

    public void update(Subnet subnet) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update subnet set name = :name, description = :description, gateway_ip = :gatewayIp,
                          enable_dhcp = :enableDhcp, allocation_pools = :pools, dns_nameservers = :dns, host_routes = :routes,
                          revision_number = :revisionNumber, updated_at = :updatedAt where id = :id""")
                .bindMethods(subnet)
                .bind("pools", JsonText.write(subnet.allocationPools()))
                .bind("dns", JsonText.write(subnet.dnsNameservers()))
                .bind("routes", JsonText.write(subnet.hostRoutes()))
                .execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from subnet where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Subnet> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from subnet where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public List<Subnet> listForNetwork(String networkId) {
        return jdbi.withHandle(h -> h.createQuery("select * from subnet where network_id = :n order by created_at, id")
                .bind("n", networkId).map(MAPPER).list());
    }

    /** The subnets of many networks at once, for list views. */
    public List<Subnet> listForNetworks(List<String> networkIds) {
        if (networkIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("select * from subnet where network_id = any(:ids) order by created_at, id")
                .bindArray("ids", String.class, networkIds).map(MAPPER).list());
    }

    public List<Subnet> list(Listing listing) {
        return jdbi.withHandle(h -> listing.query(h, "t.*", "subnet", "id", MAPPER));
    }

    public int countForProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from subnet where project_id = :p")
                .bind("p", projectId).mapTo(Integer.class).one());
    }
}
