package io.cascadia.store.compute;

import io.cascadia.core.compute.Server;
import io.cascadia.core.compute.ServerFlavor;
import io.cascadia.store.Filters;
import io.cascadia.store.JsonText;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Nova servers, with metadata and tags loaded per page in one query each (never per server). Every list is one
 * statement over an index that starts with the project (or with the sort column for lists across projects).
 */
public final class Servers {
    /** Columns a list may be sorted by, as Nova names them, and their columns. */
    public static final Map<String, String> SORT_KEYS = Map.of(
            "created_at", "t.created_at", "updated_at", "t.updated_at", "display_name", "t.name",
            "uuid", "t.id", "vm_state", "t.vm_state", "availability_zone", "t.availability_zone", "host", "t.host");

    private static final RowMapper<Server> MAPPER = (rs, ctx) -> new Server(rs.getString("id"), rs.getString("project_id"),
            rs.getString("user_id"), rs.getString("name"), rs.getString("description"), rs.getString("status"),
            rs.getString("vm_state"), rs.getString("task_state"), rs.getInt("power_state"), rs.getString("availability_zone"),
            new ServerFlavor(rs.getString("flavor_id"), rs.getString("flavor_name"), rs.getInt("vcpus"), rs.getInt("ram_mb"),
                    rs.getInt("disk_gb"), rs.getInt("ephemeral_gb"), rs.getInt("swap_mb"),
                    JsonText.stringMap(rs.getString("flavor_extra_specs"))),
            rs.getString("image_id"), rs.getString("key_name"), rs.getString("user_data"), rs.getString("access_ipv4"), rs.getString("access_ipv6"),
            rs.getBoolean("config_drive"), rs.getString("host"), rs.getString("hostname"), rs.getBoolean("locked"),
            JsonText.list(rs.getString("security_groups"), String.class),
            JsonText.list(rs.getString("preserved_ports"), String.class), Map.of(), List.of(),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), Rows.instant(rs, "launched_at"));

    private final Jdbi jdbi;
    private final boolean postgres;

    /** @param postgres whether the database is PostgreSQL, whose regular-expression operator differs from H2's */
    public Servers(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.postgres = postgres;
    }

    public void insert(Server server) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            insert into server (id, project_id, user_id, name, description, status, vm_state, task_state,
                              power_state, availability_zone, flavor_id, flavor_name, vcpus, ram_mb, disk_gb, ephemeral_gb,
                              swap_mb, flavor_extra_specs, image_id, key_name, user_data, access_ipv4, access_ipv6, config_drive, host,
                              hostname, locked, security_groups, preserved_ports, created_at, updated_at, launched_at)
                            values (:id, :projectId, :userId, :name, :description, :status, :vmState, :taskState,
                              :powerState, :availabilityZone, :flavorId, :flavorName, :vcpus, :ramMb, :diskGb, :ephemeralGb,
                              :swapMb, :extraSpecs, :imageId, :keyName, :userData, :accessIpv4, :accessIpv6, :configDrive, :host,
                              :hostname, :locked, :securityGroups, :preservedPorts, :createdAt, :updatedAt, :launchedAt)""")
                    .bindMethods(server)
                    .bind("flavorId", server.flavor().id())
                    .bind("flavorName", server.flavor().name())
                    .bind("vcpus", server.flavor().vcpus())
                    .bind("ramMb", server.flavor().ramMb())
                    .bind("diskGb", server.flavor().diskGb())
                    .bind("ephemeralGb", server.flavor().ephemeralGb())
                    .bind("swapMb", server.flavor().swapMb())
                    .bind("extraSpecs", JsonText.write(server.flavor().extraSpecs()))
                    .bind("securityGroups", JsonText.write(server.securityGroups()))
                    .bind("preservedPorts", JsonText.write(server.preservedPortIds()))
                    .execute();
            replaceMetadata(h, server.id(), server.metadata());
            for (String tag : server.tags()) {
                h.createUpdate("insert into server_tag (server_id, tag) values (:s, :t)").bind("s", server.id()).bind("t", tag).execute();
            }
        });
    }

    /** Updates what users may change (name, description, access addresses) and the change time. */
    public void update(Server server) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update server set name = :name, description = :description, access_ipv4 = :accessIpv4,
                          access_ipv6 = :accessIpv6, hostname = :hostname, updated_at = :updatedAt where id = :id""")
                .bindMethods(server).execute());
    }

    /** Marks a placed server for deletion by its proxy. */
    public void markDeleting(String id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("update server set task_state = 'deleting', updated_at = :now where id = :id")
                .bind("id", id).bind("now", now).execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from server where id = :id").bind("id", id).execute()) > 0;
    }

    /** Whether a site holds (or is creating) a copy of the server: it has a row in the routing table. */
    public boolean isPlaced(String id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select count(*) from routing where top_id = :id and resource_type = 'server'")
                .bind("id", id).mapTo(Integer.class).one()) > 0;
    }

    public Optional<Server> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from server where id = :id").bind("id", id).map(MAPPER).findOne())
                .map(s -> withDetails(List.of(s)).getFirst());
    }

    public List<Server> list(ServerQuery query) {
        Filters filters = new Filters().equal("t.project_id", query.projectId()).in("t.status", query.statuses())
                .equal("t.availability_zone", query.availabilityZone()).equal("t.host", query.host());
        if (query.changesSince() != null) {
            filters.where("t.updated_at >= :since", Map.of("since", query.changesSince()));
        }
        if (query.nameRegex() != null) {
            filters.where(postgres ? "t.name ~ :nameRegex" : "regexp_like(t.name, :nameRegex)", Map.of("nameRegex", query.nameRegex()));
        }
        List<Listing.Order> order = new ArrayList<>();
        if (query.sortKey() == null) {
            order.add(new Listing.Order("t.created_at", false));
            order.add(new Listing.Order("t.id", false));
        } else {
            String column = SORT_KEYS.get(query.sortKey());
            if (column == null) {
                throw new IllegalArgumentException("not a sort key: " + query.sortKey());
            }
            order.add(new Listing.Order(column, query.ascending()));
            if (!column.equals("t.id")) {
                order.add(new Listing.Order("t.id", query.ascending()));
            }
        }
        Listing listing = new Listing(filters, order, query.markerId(), query.limit());
        String hint = postgres ? "" : h2IndexHint(query);
        return withDetails(jdbi.withHandle(h -> listing.query(h, "t.*", "server", hint, "id", MAPPER)));
    }

    /**
     * The index H2 must read a list from. H2's planner costs every index that starts with the project alike when a
     * project holds most servers, and may then read them all and sort; naming the index that matches the filter and
     * gives the order lets it stop after one page. PostgreSQL's planner chooses well and gets no hint.
     * {@code changes-since} reads the change-time index: pollers ask for short windows.
     */
    private static String h2IndexHint(ServerQuery query) {
        if (query.sortKey() != null) {
            return "";
        }
        String index;
        if (query.projectId() == null) {
            index = query.changesSince() != null ? "server_updated" : "server_created";
        } else if (query.statuses().size() == 1) {
            index = "server_project_status";
        } else if (query.availabilityZone() != null) {
            index = "server_project_zone";
        } else if (query.changesSince() != null) {
            index = "server_project_updated";
        } else {
            index = "server_project_created";
        }
        return "use index (" + index + ")";
    }

    public boolean exists(String id) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from server where id = :id").bind("id", id)
                .mapTo(Integer.class).one()) > 0;
    }

    /** Servers, cores and RAM the project uses, for quotas and limits. */
    public Usage usage(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select count(*) as n, coalesce(sum(vcpus), 0) as cores, coalesce(sum(ram_mb), 0) as ram
                        from server where project_id = :p""")
                .bind("p", projectId)
                .map((rs, ctx) -> new Usage(rs.getInt("n"), rs.getLong("cores"), rs.getLong("ram")))
                .one());
    }

    /** What a project's servers use. */
    public record Usage(int instances, long cores, long ramMb) {
    }

    public void replaceMetadata(String serverId, Map<String, String> metadata, Instant now) {
        jdbi.useTransaction(h -> {
            replaceMetadata(h, serverId, metadata);
            h.createUpdate("update server set updated_at = :now where id = :id").bind("id", serverId).bind("now", now).execute();
        });
    }

    private static void replaceMetadata(Handle h, String serverId, Map<String, String> metadata) {
        h.createUpdate("delete from server_metadata where server_id = :s").bind("s", serverId).execute();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            h.createUpdate("insert into server_metadata (server_id, meta_key, meta_value) values (:s, :k, :v)")
                    .bind("s", serverId).bind("k", entry.getKey()).bind("v", entry.getValue()).execute();
        }
    }

    private List<Server> withDetails(List<Server> servers) {
        if (servers.isEmpty()) {
            return servers;
        }
        List<String> ids = servers.stream().map(Server::id).toList();
        Map<String, Map<String, String>> metadata = new LinkedHashMap<>();
        Map<String, List<String>> tags = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            h.createQuery("select server_id, meta_key, meta_value from server_metadata where server_id = any(:ids) order by meta_key")
                    .bindArray("ids", String.class, ids)
                    .map((rs, ctx) -> List.of(rs.getString("server_id"), rs.getString("meta_key"), rs.getString("meta_value")))
                    .forEach(row -> metadata.computeIfAbsent(row.get(0), k -> new LinkedHashMap<>()).put(row.get(1), row.get(2)));
            h.createQuery("select server_id, tag from server_tag where server_id = any(:ids) order by tag")
                    .bindArray("ids", String.class, ids)
                    .map((rs, ctx) -> Map.entry(rs.getString("server_id"), rs.getString("tag")))
                    .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        });
        return servers.stream().map(s -> new Server(s.id(), s.projectId(), s.userId(), s.name(), s.description(), s.status(),
                s.vmState(), s.taskState(), s.powerState(), s.availabilityZone(), s.flavor(), s.imageId(), s.keyName(), s.userData(),
                s.accessIpv4(), s.accessIpv6(), s.configDrive(), s.host(), s.hostname(), s.locked(), s.securityGroups(),
                s.preservedPortIds(),
                metadata.getOrDefault(s.id(), Map.of()), tags.getOrDefault(s.id(), List.of()), s.createdAt(),
                s.updatedAt(), s.launchedAt())).toList();
    }

    /** The statuses Nova's API shows. */
    public static final Set<String> STATUSES = Set.of("ACTIVE", "BUILD", "DELETED", "ERROR", "HARD_REBOOT", "MIGRATING",
            "PASSWORD", "PAUSED", "REBOOT", "REBUILD", "RESCUE", "RESIZE", "REVERT_RESIZE", "SHELVED",
            "SHELVED_OFFLOADED", "SHUTOFF", "SOFT_DELETED", "SUSPENDED", "UNKNOWN", "VERIFY_RESIZE");
}
