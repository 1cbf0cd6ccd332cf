package io.cascadia.store.network;

import io.cascadia.core.network.DeviceAddress;
import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.Port;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Neutron ports with their address allocations and security groups. Addresses are unique per network by the
 * {@code ip_allocation} primary key and MACs by a unique constraint, so a race between two allocations fails one of
 * them instead of giving an address twice.
 */
public final class Ports {
    private static final RowMapper<Port> MAPPER = (rs, ctx) -> new Port(rs.getString("id"), rs.getString("project_id"),
            rs.getString("network_id"), rs.getString("name"), rs.getString("description"), rs.getBoolean("admin_state_up"),
            rs.getString("status"), rs.getString("mac_address"), rs.getString("device_id"), rs.getString("device_owner"),
            rs.getBoolean("port_security_enabled"), List.of(), List.of(), rs.getLong("revision_number"),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

    private final Jdbi jdbi;

    public Ports(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts the port, its addresses and its security groups. */
    public void insert(Port port) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            insert into port (id, project_id, network_id, name, description, admin_state_up, status,
                              mac_address, device_id, device_owner, port_security_enabled, revision_number, created_at, updated_at)
                            values (:id, :projectId, :networkId, :name, :description, :adminStateUp, :status, :macAddress,
                              :deviceId, :deviceOwner, :portSecurityEnabled, :revisionNumber, :createdAt, :updatedAt)""")
                    .bindMethods(port)
                    .execute();
            insertAddresses(h, port.id(), port.networkId(), port.fixedIps());
            insertSecurityGroups(h, port.id(), port.securityGroupIds());
        });
    }

    /** Updates the port's own fields and replaces its addresses and security groups with the given ones. */
    public void update(Port port) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            update port set name = :name, description = :description, admin_state_up = :adminStateUp,
                              status = :status, device_id = :deviceId, device_owner = :deviceOwner,
                              port_security_enabled = :portSecurityEnabled, revision_number = :revisionNumber,
                              updated_at = :updatedAt where id = :id""")
                    .bindMethods(port)
                    .execute();
            h.createUpdate("delete from ip_allocation where port_id = :id").bind("id", port.id()).execute();
            insertAddresses(h, port.id(), port.networkId(), port.fixedIps());
            h.createUpdate("delete from port_security_group where port_id = :id").bind("id", port.id()).execute();
            insertSecurityGroups(h, port.id(), port.securityGroupIds());
        });
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from port where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Port> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from port where id = :id").bind("id", id).map(MAPPER).findOne())
                .map(port -> withAddresses(List.of(port)).getFirst());
    }

    public List<Port> list(Listing listing) {
        return withAddresses(jdbi.withHandle(h -> listing.query(h, "t.*", "port", "id", MAPPER)));
    }

    /** The ports used by any of the devices (servers, routers), with their addresses, in creation order. */
    public List<Port> listForDevices(List<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        return withAddresses(jdbi.withHandle(h -> h.createQuery(
                        "select * from port where device_id = any(:ids) order by created_at, id")
                .bindArray("ids", String.class, deviceIds).map(MAPPER).list()));
    }

    /**
     * The ports of the servers, with their addresses, in creation order. Only a port of the server's own project is
     * the server's: a port of another project that names the server as its device is not attached to it.
     */
    public List<Port> listForServers(List<String> serverIds) {
        if (serverIds.isEmpty()) {
            return List.of();
        }
        return withAddresses(jdbi.withHandle(h -> h.createQuery("""
                        select p.* from port p join server s on s.id = p.device_id and s.project_id = p.project_id
                        where p.device_id = any(:ids) order by p.created_at, p.id""")
                .bindArray("ids", String.class, serverIds).map(MAPPER).list()));
    }

    /** The project of the server or router with this id, if there is one: whose device a port's device_id names. */
    public Optional<String> deviceProject(String deviceId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select project_id from server where id = :id
                        union all select project_id from router where id = :id""")
                .bind("id", deviceId).mapTo(String.class).findFirst());
    }

    /**
     * The addresses of many servers with their networks' names, in port creation order, in one query: what a page of
     * servers shows under {@code addresses}; as in {@link #listForServers}, only ports of the server's project.
     */
    public List<DeviceAddress> addressesOfServers(List<String> serverIds) {
        if (serverIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        select p.device_id, p.network_id, n.name as network_name, p.mac_address, a.ip_address
                        from port p join server s on s.id = p.device_id and s.project_id = p.project_id
                        join network n on n.id = p.network_id join ip_allocation a on a.port_id = p.id
                        where p.device_id = any(:ids)
                        order by p.created_at, p.id, a.subnet_id, a.ip_address""")
                .bindArray("ids", String.class, serverIds)
                .map((rs, ctx) -> new DeviceAddress(rs.getString("device_id"), rs.getString("network_id"),
                        rs.getString("network_name"), rs.getString("mac_address"), rs.getString("ip_address")))
                .list());
    }

    public List<Port> listForNetwork(String networkId) {
        return withAddresses(jdbi.withHandle(h -> h.createQuery("select * from port where network_id = :n order by created_at, id")
                .bind("n", networkId).map(MAPPER).list()));
    }

    /** Addresses of a subnet already given to a port. */
    public Set<String> allocatedAddresses(String subnetId) {
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("select ip_address from ip_allocation where subnet_id = :s")
                .bind("s", subnetId).mapTo(String.class).list()));
    }

    public boolean subnetInUse(String subnetId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from ip_allocation where subnet_id = :s")
                .bind("s", subnetId).mapTo(Integer.class).one()) > 0;
    }

    /** The port holding an address of the network, if any. */
    public Optional<String> addressHolder(String networkId, String ipAddress) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select port_id from ip_allocation where network_id = :n and ip_address = :ip")
                .bind("n", networkId).bind("ip", ipAddress).mapTo(String.class).findOne());
    }

    public boolean macInUse(String networkId, String mac) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from port where network_id = :n and mac_address = :m")
                .bind("n", networkId).bind("m", mac).mapTo(Integer.class).one()) > 0;
    }

    public int countForProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from port where project_id = :p")
                .bind("p", projectId).mapTo(Integer.class).one());
    }

    private List<Port> withAddresses(List<Port> ports) {
        if (ports.isEmpty()) {
            return ports;
        }
        List<String> ids = ports.stream().map(Port::id).toList();
        Map<String, List<FixedIp>> addresses = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            h.createQuery("select port_id, subnet_id, ip_address from ip_allocation where port_id = any(:ids)")
                    .bindArray("ids", String.class, ids)
                    .map((rs, ctx) -> Map.entry(rs.getString("port_id"), new FixedIp(rs.getString("subnet_id"), rs.getString("ip_address"))))
                    .forEach(e -> addresses.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            h.createQuery("select port_id, security_group_id from port_security_group where port_id = any(:ids)")
                    .bindArray("ids", String.class, ids)
                    .map((rs, ctx) -> Map.entry(rs.getString("port_id"), rs.getString("security_group_id")))
                    .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        });
        return ports.stream()
                .map(p -> p.withAddresses(sorted(addresses.getOrDefault(p.id(), List.of())), groups.getOrDefault(p.id(), List.of())))
                .toList();
    }

    private static List<FixedIp> sorted(List<FixedIp> ips) {
        return ips.stream().sorted(java.util.Comparator.comparing(FixedIp::subnetId).thenComparing(FixedIp::ipAddress)).toList();
    }

    private static void insertAddresses(Handle h, String portId, String networkId, List<FixedIp> ips) {
        for (FixedIp ip : ips) {
            h.createUpdate("""
                            insert into ip_allocation (network_id, ip_address, subnet_id, port_id)
                            values (:n, :ip, :s, :p)""")
                    .bind("n", networkId).bind("ip", ip.ipAddress()).bind("s", ip.subnetId()).bind("p", portId)
                    .execute();
        }
    }

    private static void insertSecurityGroups(Handle h, String portId, List<String> groupIds) {
        for (String group : new java.util.LinkedHashSet<>(groupIds)) {
            h.createUpdate("insert into port_security_group (port_id, security_group_id) values (:p, :g)")
                    .bind("p", portId).bind("g", group).execute();
        }
    }
}
