package io.cascadia.api.network;

/**
 * An attribute lists can filter and sort by: its SQL expression over alias {@code t} and how a filter value is read.
 * A {@code FIXED} attribute has the same value on every row (a network's {@code status}), so a filter on it keeps
 * all rows or none.
 */
record Column(String sql, Kind kind, String fixedValue) {
    enum Kind {
        TEXT, BOOLEAN, INTEGER, FIXED
    }

    static Column text(String sql) {
        return new Column(sql, Kind.TEXT, null);
    }

    static Column bool(String sql) {
        return new Column(sql, Kind.BOOLEAN, null);
    }

    static Column integer(String sql) {
        return new Column(sql, Kind.INTEGER, null);
    }

    static Column fixed(String value) {
        return new Column(null, Kind.FIXED, value);
    }
}
