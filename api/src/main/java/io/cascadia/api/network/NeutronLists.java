package io.cascadia.api.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.store.Filters;
import io.cascadia.store.Listing;
import io.cascadia.web.NeutronQuery;
import io.cascadia.web.Responses;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a Neutron list request into one SQL page: attribute filters (several values mean any of them), the tag
 * filters of {@code standard-attr-tag}, sorting, and keyset paging by marker; then writes the collection with
 * only the asked {@code fields} and a {@code <collection>_links} next link when the page is full.
 */
final class NeutronLists {
    /** Pages are unbounded in Neutron by default; this caps what one request can make the server render. */
    static final int MAX_LIMIT = 10_000;
    private static final Set<String> TAG_FILTERS = Set.of("tags", "tags-any", "not-tags", "not-tags-any");

    private NeutronLists() {
    }

    /** The parsed query and the SQL page it asks for. {@code visibility} is a condition over {@code t}, or null. */
    record Page(NeutronQuery query, Listing listing) {
    }

    static Page page(Context ctx, Map<String, Column> columns, Set<String> extraFilters, Filters filters) {
        Set<String> filterable = new HashSet<>(columns.keySet());
        filterable.addAll(TAG_FILTERS);
        filterable.addAll(extraFilters);
        NeutronQuery query = NeutronQuery.parse(ctx, filterable, MAX_LIMIT);
        for (Map.Entry<String, List<String>> filter : query.filters().entrySet()) {
            Column column = columns.get(filter.getKey());
            if (column != null) {
                apply(filters, filter.getKey(), column, filter.getValue());
            } else if (TAG_FILTERS.contains(filter.getKey())) {
                applyTags(filters, filter.getKey(), filter.getValue());
            }
        }
        List<Listing.Order> order = new ArrayList<>();
        for (NeutronQuery.Sort sort : query.sorts()) {
            Column column = columns.get(sort.key());
            if (column == null || column.kind() == Column.Kind.FIXED) {
                throw Neutron.badRequest("['" + Neutron.show(sort.key()) + "'] is invalid attribute for sort_keys");
            }
            order.add(new Listing.Order(column.sql(), sort.ascending()));
        }
        if (order.stream().noneMatch(o -> o.column().equals("t.id"))) {
            order.add(new Listing.Order("t.id", order.isEmpty() || order.getLast().ascending()));
        }
        if (query.pageReverse()) {
            order = order.stream().map(o -> new Listing.Order(o.column(), !o.ascending())).toList();
        }
        return new Page(query, new Listing(filters, order, query.page().marker(), query.page().limit()));
    }

    /** Writes {@code {"<collection>": [...]}} with the fields asked for, and the next link of a full page. */
    static <T> void respond(Context ctx, String collection, Page page, List<T> items, Function<T, ObjectNode> view,
                            Function<T, String> id) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray(collection);
        for (T item : items) {
            array.add(page.query().select(view.apply(item)));
        }
        if (ctx.queryParam("limit") != null && page.query().page().isFull(items.size())) {
            body.putArray(collection + "_links").addObject()
                    .put("rel", "next")
                    .put("href", page.query().page().nextHref(ctx, id.apply(items.getLast())));
        }
        Responses.json(ctx, 200, body);
    }

    /** One resource, with only the asked {@code fields}. */
    static ObjectNode selectFields(Context ctx, ObjectNode resource) {
        List<String> fields = new ArrayList<>();
        for (String value : ctx.queryParams("fields")) {
            for (String field : value.split(",")) {
                if (!field.isBlank()) {
                    fields.add(field.trim());
                }
            }
        }
        if (fields.isEmpty()) {
            return resource;
        }
        ObjectNode selected = Json.object();
        for (String field : fields) {
            if (resource.has(field)) {
                selected.set(field, resource.get(field));
            }
        }
        return selected;
    }

    private static void apply(Filters filters, String name, Column column, List<String> values) {
        switch (column.kind()) {
            case TEXT -> filters.in(column.sql(), values);
            case BOOLEAN -> filters.in(column.sql(), values.stream().map(v -> Neutron.parseBoolean(name, v)).distinct().toList());
            case INTEGER -> filters.in(column.sql(), values.stream().map(v -> parseInt(name, v)).distinct().toList());
            case FIXED -> {
                if (!values.contains(column.fixedValue())) {
                    filters.where("false", Map.of());
                }
            }
        }
    }

    private static Integer parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Neutron.invalid(name, "'" + Neutron.show(value) + "' is not an integer");
        }
    }

    private static void applyTags(Filters filters, String kind, List<String> values) {
        List<String> tags = values.stream().flatMap(v -> List.of(v.split(",")).stream()).filter(t -> !t.isBlank()).toList();
        if (tags.isEmpty()) {
            return;
        }
        Map<String, Object> binds = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (String tag : tags) {
            String name = filters.nextName() + "_" + binds.size();
            binds.put(name, tag);
            names.add(":" + name);
        }
        String in = String.join(", ", names);
        String matching = "(select count(distinct g.tag) from resource_tag g where g.resource_id = t.id and g.tag in (" + in + "))";
        String condition = switch (kind) {
            case "tags" -> matching + " = " + tags.stream().distinct().count();
            case "tags-any" -> matching + " > 0";
            case "not-tags" -> matching + " < " + tags.stream().distinct().count();
            default -> matching + " = 0";
        };
        filters.where(condition, binds);
    }
}
