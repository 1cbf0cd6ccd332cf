package io.cascadia.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

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

    /** Adds a raw condition with its own named bindings; the SQL text must come from code. */
    public Filters where(String condition, Map<String, ?> values) {
        conditions.add(condition);
        bindings.putAll(values);
        return this;
    }

    public String whereClause() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    public Query bind(Query query) {
        bindings.forEach(query::bind);
        return query;
    }
}
