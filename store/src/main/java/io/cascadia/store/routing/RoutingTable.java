package io.cascadia.store.routing;

import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.store.Filters;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The routing table (DESIGN §2): which site holds a copy of which top resource, under which bottom id. Indexed
 * both ways: by top id, and by (site, type, bottom id) for the pollers that map site changes back to the top.
 */
public final class RoutingTable {
    private static final RowMapper<Routing> MAPPER = (rs, ctx) -> new Routing(
            rs.getString("top_id"), rs.getString("resource_type"), rs.getString("region"), rs.getString("bottom_id"),
            RoutingState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final Jdbi jdbi;

    public RoutingTable(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Records that a copy is to be created (the site is chosen), before anyone asks the site; a second call leaves the
     * row as it is. The first {@link #claimCreate} of the row then knows no copy can exist yet.
     */
    public void beginCreate(String topId, ResourceKind kind, String region, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into routing (top_id, resource_type, region, bottom_id, state, attempted, created_at, updated_at)
                        values (:topId, :type, :region, null, 'creating', false, :now, :now) on conflict do nothing""")
                .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).bind("now", now).execute());
    }

    /**
     * Claims the creation of a copy, as a lease on its routing row: the first caller inserts the row
     * ({@code creating}) and must create or adopt the copy; while the row is younger than {@code staleBefore} others
     * are told it is busy (so are they while a {@code deleting} row is, a copy being released); once older (its creator died), the next caller takes it over. An active row answers
     * with its bottom id. Every claim counts as an attempt to create the copy, so a later claimant of the same row
     * is told the copy may exist.
     */
    public CreateClaim claimCreate(String topId, ResourceKind kind, String region, Instant now, Instant staleBefore) {
        return jdbi.inTransaction(h -> {
            // Most claims are for copies that exist (a network every server of a burst needs): read before writing.
            Optional<ClaimedRow> found = h.createQuery(
                            "select * from routing where top_id = :topId and resource_type = :type and region = :region")
                    .bind("topId", topId).bind("type", kind.storedName()).bind("region", region)
                    .map((rs, ctx) -> new ClaimedRow(MAPPER.map(rs, ctx), rs.getBoolean("attempted"))).findOne();
            if (found.isEmpty()) {
                int inserted = h.createUpdate("""
                                insert into routing (top_id, resource_type, region, bottom_id, state, attempted, created_at, updated_at)
                                values (:topId, :type, :region, null, 'creating', true, :now, :now) on conflict do nothing""")
                        .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).bind("now", now).execute();
                return inserted > 0 ? new CreateClaim.Mine(false) : new CreateClaim.Busy();
            }
            Routing row = found.get().row();
            if (row.state() == RoutingState.ACTIVE && row.bottomId() != null) {
                return new CreateClaim.Exists(row.bottomId());
            }
            boolean attempted = found.get().attempted();
            int taken = h.createUpdate("""
                            update routing set state = 'creating', attempted = true, updated_at = :now
                            where top_id = :topId and resource_type = :type and region = :region
                              and (state not in ('creating', 'deleting') or updated_at < :staleBefore)""")
                    .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).bind("now", now)
                    .bind("staleBefore", staleBefore).execute();
            return taken > 0 ? new CreateClaim.Mine(attempted) : new CreateClaim.Busy();
        });
    }

    /** A routing row as a claim sees it: with whether a create of the copy was ever attempted. */
    private record ClaimedRow(Routing row, boolean attempted) {
    }

    /** Every copy of one type in one site. */
    public List<Routing> inRegion(String region, ResourceKind kind) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select * from routing where region = :region and resource_type = :type order by top_id")
                .bind("region", region).bind("type", kind.storedName()).map(MAPPER).list());
    }

    /** Whether any site holds (or is getting) a copy of the top resource. */
    public boolean hasCopies(String topId, ResourceKind kind) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from routing where top_id = :topId and resource_type = :type")
                .bind("topId", topId).bind("type", kind.storedName()).mapTo(Integer.class).one()) > 0;
    }

    /** How many copies of one type a site holds (or is getting). */
    public int count(String region, ResourceKind kind) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from routing where region = :region and resource_type = :type")
                .bind("region", region).bind("type", kind.storedName()).mapTo(Integer.class).one());
    }

    /** Records the copy's bottom id once the site has it (created or adopted). */
    public void markActive(String topId, ResourceKind kind, String region, String bottomId, Instant now) {
        jdbi.useHandle(h -> {
            int updated = h.createUpdate("""
                            update routing set bottom_id = :bottomId, state = 'active', updated_at = :now
                            where top_id = :topId and resource_type = :type and region = :region""")
                    .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).bind("bottomId", bottomId)
                    .bind("now", now).execute();
            if (updated == 0) {
                h.createUpdate("""
                                insert into routing (top_id, resource_type, region, bottom_id, state, created_at, updated_at)
                                values (:topId, :type, :region, :bottomId, 'active', :now, :now)""")
                        .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).bind("bottomId", bottomId)
                        .bind("now", now).execute();
            }
        });
    }

    /**
     * Moves an {@code active} copy to {@code deleting}, as one compare-and-set: false when the row is in another
     * state or gone. Claims treat a {@code deleting} row as busy until it is older than their stale bound.
     */
    public boolean markDeletingIfActive(String topId, ResourceKind kind, String region, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update routing set state = 'deleting', updated_at = :now
                        where top_id = :topId and resource_type = :type and region = :region and state = 'active'""")
                .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).bind("now", now).execute()) > 0;
    }

    /**
     * Takes over a {@code deleting} row whose releaser died: a compare-and-set on the {@code updated_at} the caller
     * saw, so of several callers one wins. False when the row changed meanwhile.
     */
    public boolean retakeDeleting(String topId, ResourceKind kind, String region, Instant seenUpdatedAt, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update routing set updated_at = :now
                        where top_id = :topId and resource_type = :type and region = :region and state = 'deleting'
                          and updated_at = :seen""")
                .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).bind("seen", seenUpdatedAt)
                .bind("now", now).execute()) > 0;
    }

    public void markDeleting(String topId, ResourceKind kind, String region, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update routing set state = 'deleting', updated_at = :now
                        where top_id = :topId and resource_type = :type and region = :region""")
                .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).bind("now", now).execute());
    }

    /** Forgets a copy once the site confirmed it is gone. */
    public boolean remove(String topId, ResourceKind kind, String region) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "delete from routing where top_id = :topId and resource_type = :type and region = :region")
                .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).execute()) > 0;
    }

    public Optional<Routing> find(String topId, ResourceKind kind, String region) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select * from routing where top_id = :topId and resource_type = :type and region = :region")
                .bind("topId", topId).bind("type", kind.storedName()).bind("region", region).map(MAPPER).findOne());
    }

    /** The top resource a bottom id belongs to. */
    public Optional<Routing> findByBottom(String region, ResourceKind kind, String bottomId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select * from routing where region = :region and resource_type = :type and bottom_id = :bottomId")
                .bind("region", region).bind("type", kind.storedName()).bind("bottomId", bottomId).map(MAPPER).findOne());
    }

    public List<Routing> forTop(String topId, ResourceKind kind) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select * from routing where top_id = :topId and resource_type = :type order by region")
                .bind("topId", topId).bind("type", kind.storedName()).map(MAPPER).list());
    }

    /**
     * A page of rows matching the filters (null matches all), ordered by (region, type, top id); {@code after} is the
     * last row of the previous page, or null.
     */
    public List<Routing> list(String topId, String region, String type, Routing after, int limit) {
        Filters filters = new Filters().equal("top_id", topId).equal("region", region).equal("resource_type", type);
        if (after != null) {
            filters.where("(region, resource_type, top_id) > (:afterRegion, :afterType, :afterTop)",
                    Map.of("afterRegion", after.region(), "afterType", after.resourceType(), "afterTop", after.topId()));
        }
        return jdbi.withHandle(h -> filters.bind(h.createQuery("select * from routing" + filters.whereClause()
                        + " order by region, resource_type, top_id limit :limit"))
                .bind("limit", limit).map(MAPPER).list());
    }

    /** The top ids of the given bottom ids of one type in one site (absent ones are left out), in one query. */
    public Map<String, String> topIdsOf(String region, ResourceKind kind, java.util.Collection<String> bottomIds) {
        if (bottomIds.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(h -> {
            Map<String, String> result = new java.util.HashMap<>();
            h.createQuery("""
                            select bottom_id, top_id from routing
                            where region = :region and resource_type = :type and bottom_id in (<bottomIds>)""")
                    .bind("region", region).bind("type", kind.storedName()).bindList("bottomIds", List.copyOf(bottomIds))
                    .map((rs, ctx) -> Map.entry(rs.getString("bottom_id"), rs.getString("top_id")))
                    .forEach(e -> result.put(e.getKey(), e.getValue()));
            return Map.copyOf(result);
        });
    }

    /** The copies of one type of the given top resources, in every site, in one query. */
    public List<Routing> forTops(ResourceKind kind, Collection<String> topIds) {
        if (topIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        select * from routing where resource_type = :type and top_id in (<topIds>) order by top_id, region""")
                .bind("type", kind.storedName()).bindList("topIds", List.copyOf(topIds)).map(MAPPER).list());
    }
}
