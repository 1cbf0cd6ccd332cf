package io.cascadia.store.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.compute.Server;
import io.cascadia.core.compute.ServerAction;
import io.cascadia.core.compute.ServerAddress;
import io.cascadia.core.compute.ServerFlavor;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.Filters;
import io.cascadia.store.H2Functions;
import io.cascadia.store.JsonText;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Nova servers. A server's addresses (its network info cache), metadata and tags are in its row, so every list
 * is one statement over an index that starts with the project (or with the sort column across projects).
 */
public final class Servers {
    /** How long a deleted server stays in {@code changes-since} lists. */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofHours(24);
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
            JsonText.list(rs.getString("preserved_ports"), String.class),
            JsonText.list(rs.getString("addresses"), ServerAddress.class), JsonText.stringMap(rs.getString("metadata")),
            JsonText.list(rs.getString("tags"), String.class),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), Rows.instant(rs, "launched_at"));

    private final Jdbi jdbi;
    private final boolean postgres;
    private final Duration listTimeout;

    /** Servers whose lists run for at most {@link DatabaseConfig#DEFAULT_LIST_QUERY_TIMEOUT}. */
    public Servers(Jdbi jdbi, boolean postgres) {
        this(jdbi, postgres, DatabaseConfig.DEFAULT_LIST_QUERY_TIMEOUT);
    }

    /**
     * @param postgres whether the database is PostgreSQL, whose regular-expression operator differs from H2's
     * @param listTimeout how long one page of {@link #list} may run; past it the statement is cancelled and fails
     *     with SQL state 57014 (whole seconds, as JDBC counts them)
     */
    public Servers(Jdbi jdbi, boolean postgres, Duration listTimeout) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.postgres = postgres;
        this.listTimeout = requireNonNull(listTimeout, "listTimeout is null");
        if (listTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("listTimeout is under one second: " + listTimeout);
        }
    }

    public void insert(Server server) {
        jdbi.useHandle(h -> h.createUpdate("""
                            insert into server (id, project_id, user_id, name, description, status, vm_state, task_state,
                              power_state, availability_zone, flavor_id, flavor_name, vcpus, ram_mb, disk_gb, ephemeral_gb,
                              swap_mb, flavor_extra_specs, image_id, key_name, user_data, access_ipv4, access_ipv6, config_drive, host,
                              hostname, locked, security_groups, preserved_ports, addresses, metadata, tags, created_at, updated_at,
                              launched_at)
                            values (:id, :projectId, :userId, :name, :description, :status, :vmState, :taskState,
                              :powerState, :availabilityZone, :flavorId, :flavorName, :vcpus, :ramMb, :diskGb, :ephemeralGb,
                              :swapMb, :extraSpecs, :imageId, :keyName, :userData, :accessIpv4, :accessIpv6, :configDrive, :host,
                              :hostname, :locked, :securityGroups, :preservedPorts, :addressesJson, :metadataJson, :tagsJson,
                              :createdAt, :updatedAt, :launchedAt)""")
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
                    .bind("addressesJson", JsonText.write(server.addresses()))
                    .bind("metadataJson", JsonText.write(new java.util.TreeMap<>(server.metadata())))
                    .bind("tagsJson", JsonText.write(server.tags()))
                    .execute());
    }

    /** Updates what users may change (name, description, access addresses) and the change time. */
    public void update(Server server) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update server set name = :name, description = :description, access_ipv4 = :accessIpv4,
                          access_ipv6 = :accessIpv6, hostname = :hostname, updated_at = :updatedAt where id = :id""")
                .bindMethods(server).execute());
    }

    /** Records a power action asked for and the task state Nova shows meanwhile; it replaces any action not yet taken. */
    public void requestAction(String id, ServerAction action, String taskState, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update server set requested_action = :action, task_state = :taskState, updated_at = :now
                        where id = :id""")
                .bind("id", id).bind("action", action.name()).bind("taskState", taskState).bind("now", now).execute());
    }

    /** The power action asked for and not yet taken to the server's site, if any. */
    public Optional<ServerAction> requestedAction(String id) {
        return jdbi.withHandle(h -> h.createQuery("select requested_action from server where id = :id").bind("id", id)
                .mapTo(String.class).findOne().map(ServerAction::valueOf));
    }

    /**
     * Clears the action once the site took it, or refused it for good ({@code refused}: the task state is cleared too,
     * so the server does not look busy forever). An action asked for meanwhile is left for the next run.
     */
    public void actionTaken(String id, ServerAction action, boolean refused, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update server set requested_action = null,
                          task_state = case when :refused then null else task_state end, updated_at = :now
                        where id = :id and requested_action = :action""")
                .bind("id", id).bind("action", action.name()).bind("refused", refused).bind("now", now).execute());
    }

    /** Marks a placed server for deletion by its proxy. */
    public void markDeleting(String id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("update server set task_state = 'deleting', updated_at = :now where id = :id")
                .bind("id", id).bind("now", now).execute());
    }

    /**
     * Deletes the server, keeping a tombstone ({@code DELETED}, changed {@code now}) for {@link #TOMBSTONE_RETENTION}
     * so that {@code changes-since} lists report the deletion; older tombstones go.
     */
    public boolean delete(String id, Instant now) {
        return jdbi.inTransaction(h -> {
            // two deletes racing: the second finds the tombstone made and the server gone
            h.createUpdate("insert into server_tombstone select * from server where id = :id on conflict do nothing")
                    .bind("id", id).execute();
            h.createUpdate("""
                            update server_tombstone set status = 'DELETED', vm_state = 'deleted', task_state = null,
                              power_state = 0, updated_at = :now where id = :id""")
                    .bind("id", id).bind("now", now).execute();
            h.createUpdate("delete from server_tombstone where updated_at < :before")
                    .bind("before", now.minus(TOMBSTONE_RETENTION)).execute();
            return h.createUpdate("delete from server where id = :id").bind("id", id).execute() > 0;
        });
    }

    /** A server deleted within {@link #TOMBSTONE_RETENTION}, as {@code changes-since} lists show it. */
    public Optional<Server> findDeleted(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from server_tombstone where id = :id").bind("id", id)
                .map(MAPPER).findOne());
    }

    /** Whether a site holds (or is creating) a copy of the server: it has a row in the routing table. */
    public boolean isPlaced(String id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select count(*) from routing where top_id = :id and resource_type = 'server'")
                .bind("id", id).mapTo(Integer.class).one()) > 0;
    }

    public Optional<Server> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from server where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /**
     * One page of servers. A {@code changes-since} list in the default order also holds the servers deleted since
     * then ({@code DELETED}, from their tombstones), as Nova's does; its marker may be one of them.
     */
    public List<Server> list(ServerQuery query) {
        if (!includesTombstones(query)) {
            return jdbi.withHandle(h -> listing(query, query.statuses()).query(bounded(h), "t.*", "server", hint(query), "id", MAPPER));
        }
        String markerSource = "(select * from server where id = :marker union all select * from server_tombstone where id = :marker)";
        List<Server> live = jdbi.withHandle(h -> listing(query, query.statuses())
                .query(bounded(h), "t.*", "server", hint(query), "id", markerSource, MAPPER));
        List<Server> deleted = jdbi.withHandle(h -> listing(query, List.of())
                .query(bounded(h), "t.*", "server_tombstone", "", "id", markerSource, MAPPER));
        return java.util.stream.Stream.concat(live.stream(), deleted.stream())
                .sorted(java.util.Comparator.comparing(Server::createdAt).thenComparing(Server::id).reversed())
                .limit(query.limit())
                .toList();
    }

    /** The handle, its statements cancelled after {@link #listTimeout}. */
    private Handle bounded(Handle handle) {
        handle.getConfig(SqlStatements.class).setQueryTimeout((int) Math.min(Integer.MAX_VALUE, listTimeout.toSeconds()));
        return handle;
    }

    private static boolean includesTombstones(ServerQuery query) {
        return query.changesSince() != null && query.sortKey() == null && query.host() == null
                && (query.statuses().isEmpty() || query.statuses().contains("DELETED"));
    }

    private String hint(ServerQuery query) {
        return postgres || query.sortKey() != null ? "" : "use index (" + ListIndex.of(query).name() + ")";
    }

    private Listing listing(ServerQuery query, List<String> statuses) {
        Filters filters = new Filters().equal("t.project_id", query.projectId()).in("t.status", statuses)
                .equal("t.availability_zone", query.availabilityZone()).equal("t.host", query.host());
        if (query.changesSince() != null) {
            filters.where("t.updated_at >= :since", Map.of("since", query.changesSince()));
        }
        if (query.nameRegex() != null) {
            if (postgres) {
                filters.where("t.name ~ :nameRegex", Map.of("nameRegex", query.nameRegex()));
            } else {
                filters.where(H2Functions.REGEXP_FIND + "(t.name, :nameRegex, :nameDeadline)", Map.of("nameRegex", query.nameRegex(),
                        "nameDeadline", System.nanoTime() + listTimeout.toNanos()));
            }
        }
        ListIndex index = ListIndex.of(query);
        List<Listing.Order> order = new ArrayList<>();
        if (query.sortKey() == null) {
            // the index's equality columns lead the order (they are constant in the result, so the order is Nova's):
            // H2 only reads an index in order when the ORDER BY starts with the index's first column
            index.equalityColumns().forEach(column -> order.add(new Listing.Order(column, true)));
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
        return new Listing(filters, order, query.markerId(), query.limit());
    }

    /**
     * The index a list is read from, and the columns it fixes by equality. H2's planner costs every index that starts
     * with the project alike when a project holds most servers, and may then read them all and sort; naming the index
     * that matches the filter and gives the order lets it stop after one page. PostgreSQL's planner chooses well
     * and gets no hint. {@code changes-since} reads the change-time index: pollers ask for short windows.
     */
    private record ListIndex(String name, List<String> equalityColumns) {
        static ListIndex of(ServerQuery query) {
            if (query.projectId() == null) {
                return query.changesSince() != null ? new ListIndex("server_updated", List.of())
                        : new ListIndex("server_created", List.of());
            }
            if (query.statuses().size() == 1) {
                return new ListIndex("server_project_status", List.of("t.project_id", "t.status"));
            }
            if (query.availabilityZone() != null) {
                return new ListIndex("server_project_zone", List.of("t.project_id", "t.availability_zone"));
            }
            if (query.changesSince() != null) {
                return new ListIndex("server_project_updated", List.of());
            }
            return new ListIndex("server_project_created", List.of("t.project_id"));
        }
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
        jdbi.useHandle(h -> h.createUpdate("update server set metadata = :m, updated_at = :now where id = :id")
                .bind("m", JsonText.write(new java.util.TreeMap<>(metadata))).bind("now", now).bind("id", serverId).execute());
    }

    /** The statuses Nova's API shows. */
    public static final Set<String> STATUSES = Set.of("ACTIVE", "BUILD", "DELETED", "ERROR", "HARD_REBOOT", "MIGRATING",
            "PASSWORD", "PAUSED", "REBOOT", "REBUILD", "RESCUE", "RESIZE", "REVERT_RESIZE", "SHELVED",
            "SHELVED_OFFLOADED", "SHUTOFF", "SOFT_DELETED", "SUSPENDED", "UNKNOWN", "VERIFY_RESIZE");
}
