package io.cascadia.store;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One page of a list query, answered by one indexed SQL statement: the filters, the order (which must end with a
 * unique column so the order is total), the marker after which the page starts, and the page size.
 * The marker is resolved inside the statement (keyset paging), so a page costs the same wherever it starts.
 * Column names come from code, never from the request.
 */
public record Listing(Filters filters, List<Order> order, String markerId, int limit) {
    /** A column to sort by, and its direction. */
    public record Order(String column, boolean ascending) {
    }

    public Listing {
        requireNonNull(filters, "filters is null");
        order = List.copyOf(order);
        if (order.isEmpty()) {
            throw new IllegalArgumentException("order is empty");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
    }

    /**
     * Runs {@code select <columns> from <table> t where ...} for this page; {@code t} is the alias filters and order
     * use. {@code idColumn} identifies the marker row.
     */
    public <T> List<T> query(Handle handle, String columns, String table, String idColumn, RowMapper<T> mapper) {
        return query(handle, columns, table, "", idColumn, mapper);
    }

    /**
     * As {@link #query(Handle, String, String, String, RowMapper)}, with a hint after the table alias (H2's
     * {@code use index (...)}), for engines whose planner cannot be trusted to pick the index that gives the order.
     */
    public <T> List<T> query(Handle handle, String columns, String table, String hint, String idColumn, RowMapper<T> mapper) {
        return query(handle, columns, table, hint, idColumn, table, mapper);
    }

    /**
     * As {@link #query(Handle, String, String, String, String, RowMapper)}, with the marker row looked up in
     * {@code markerSource} (a table or parenthesized query with the order's columns), for lists merged from several
     * tables whose marker may be in any of them.
     */
    public <T> List<T> query(Handle handle, String columns, String table, String hint, String idColumn, String markerSource,
                             RowMapper<T> mapper) {
        StringBuilder sql = new StringBuilder("select ").append(columns).append(" from ").append(table).append(" t ")
                .append(hint).append(" where ").append(filters.conditions());
        if (markerId != null) {
            sql.append(" and (").append(afterMarker(markerSource, idColumn)).append(')');
        }
        List<String> orderBy = new ArrayList<>();
        for (Order o : order) {
            orderBy.add(o.column() + (o.ascending() ? " asc" : " desc"));
        }
        sql.append(" order by ").append(String.join(", ", orderBy)).append(" limit ").append(limit);
        var query = handle.createQuery(sql.toString());
        filters.bind(query);
        if (markerId != null) {
            query.bind("marker", markerId);
        }
        return query.map(mapper).list();
    }

    /** Lexicographic "comes after the marker row" over the order columns, each direction honoured. */
    private String afterMarker(String table, String idColumn) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(order.get(j).column() + " = " + markerValue(table, idColumn, order.get(j).column()));
            }
            Order o = order.get(i);
            terms.add(o.column() + (o.ascending() ? " > " : " < ") + markerValue(table, idColumn, o.column()));
            alternatives.add("(" + String.join(" and ", terms) + ")");
        }
        return String.join(" or ", alternatives);
    }

    private static String markerValue(String table, String idColumn, String qualifiedColumn) {
        String column = qualifiedColumn.substring(qualifiedColumn.indexOf('.') + 1);
        return "(select m." + column + " from " + table + " m where m." + idColumn + " = :marker)";
    }
}
