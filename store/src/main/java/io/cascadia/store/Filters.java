package io.cascadia.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AND of equality conditions built from optional filters, for list queries. Column names come from code,
 * never from the request; values are always bound.
 */
public final class Filters {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> bindings = new LinkedHashMap<>();

    public Filters equal(String column, Object value) {
        if (value != null) {
            String name = "f" + bindings.size();
            conditions.add(column + " = :" + name);
            bindings.put(name, value);
        }
        return this;
    }

    /** Column equals any of the values; no condition when {@code values} is empty. */
    public Filters in(String column, java.util.Collection<?> values) {
        if (values.size() == 1) {
            return equal(column, values.iterator().next());
        }
        if (!values.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Object value : values) {
                String name = "f" + bindings.size();
                names.add(":" + name);
                bindings.put(name, value);
            }
            conditions.add(column + " in (" + String.join(", ", names) + ")");
        }
        return this;
    }

    /** A fresh bind name for a raw condition, so several raw conditions never collide. */
    public String nextName() {
        return "f" + bindings.size();
    }

    /** Adds a raw condition with its own named bindings; the SQL text must come from code. */
    public Filters where(String condition, Map<String, ?> values) {
        conditions.add(condition);
        bindings.putAll(values);
        return this;
    }

    public String whereClause() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The conditions joined with {@code and}, or {@code true} when there are none. */
    public String conditions() {
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }

    public <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S query) {
        bindings.forEach(query::bind);
        return query;
    }
}
