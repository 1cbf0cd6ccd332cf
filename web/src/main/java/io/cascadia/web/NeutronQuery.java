package io.cascadia.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of a Neutron list request: attribute filters ({@code ?name=a&name=b} means name is a or b),
 * {@code fields} to return, {@code sort_key}/{@code sort_dir} pairs, and paging. Filters on attributes the
 * resource does not have are refused with 400, as Neutron does with strict filter validation.
 */
public record NeutronQuery(Map<String, List<String>> filters, Set<String> fields, List<Sort> sorts, PageRequest page,
                           boolean pageReverse) {
    private static final Set<String> RESERVED = Set.of("fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse");

    /** One sort key and its direction. */
    public record Sort(String key, boolean ascending) {
    }

    /**
     * @param filterable the attributes this resource can be filtered and sorted by
     */
    public static NeutronQuery parse(Context ctx, Set<String> filterable, int maxLimit) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : ctx.queryParamMap().entrySet()) {
            String key = entry.getKey();
            if (RESERVED.contains(key)) {
                continue;
            }
            if (!filterable.contains(key)) {
                throw new OpenStackException(io.cascadia.core.error.ErrorKind.BAD_REQUEST, "HTTPBadRequest",
                        "['" + shorten(key) + "'] is invalid attribute for filtering");
            }
            filters.put(key, List.copyOf(entry.getValue()));
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String value : ctx.queryParams("fields")) {
            for (String field : value.split(",")) {
                if (!field.isBlank()) {
                    fields.add(field.trim());
                }
            }
        }
        List<String> keys = ctx.queryParams("sort_key");
        List<String> dirs = ctx.queryParams("sort_dir");
        if (!dirs.isEmpty() && dirs.size() != keys.size()) {
            throw OpenStackException.badRequest("The number of sort_keys and sort_dirs must be same");
        }
        List<Sort> sorts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (!filterable.contains(key)) {
                throw OpenStackException.badRequest("['" + shorten(key) + "'] is invalid attribute for sort_keys");
            }
            String dir = dirs.isEmpty() ? "asc" : dirs.get(i);
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw OpenStackException.badRequest("[" + shorten(dir) + "] is invalid value for sort_dir");
            }
            sorts.add(new Sort(key, dir.equals("asc")));
        }
        boolean pageReverse = "true".equalsIgnoreCase(ctx.queryParam("page_reverse"));
        return new NeutronQuery(Map.copyOf(filters), Set.copyOf(fields), List.copyOf(sorts), PageRequest.parse(ctx, maxLimit),
                pageReverse);
    }

    /** The values of one filter, empty when the request did not filter on it. */
    public List<String> filter(String key) {
        return filters.getOrDefault(key, List.of());
    }

    /**
     * This query without the named filters, for filters that do not compare an attribute's value (such as
     * {@code tags-any} or {@code changed_since}) and that the caller applies itself.
     */
    public NeutronQuery without(Set<String> keys) {
        Map<String, List<String>> remaining = new LinkedHashMap<>(filters);
        remaining.keySet().removeAll(keys);
        return new NeutronQuery(Map.copyOf(remaining), fields, sorts, page, pageReverse);
    }

    /**
     * Whether a resource, as rendered, passes every filter. Values compare as their JSON text, so
     * {@code admin_state_up=true} matches the boolean and list attributes match when any element matches.
     */
    public boolean matches(JsonNode resource) {
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            JsonNode value = resource.get(filter.getKey());
            if (!anyMatch(value, filter.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The resource with only the asked {@code fields}, or whole when none were asked. */
    public ObjectNode select(ObjectNode resource) {
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

    private static boolean anyMatch(JsonNode value, List<String> wanted) {
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (anyMatch(element, wanted)) {
                    return true;
                }
            }
            return false;
        }
        String text = value.isNull() ? "" : value.asText();
        for (String candidate : wanted) {
            if (candidate.equalsIgnoreCase(text) || (value.isBoolean() && candidate.equalsIgnoreCase(value.asText()))) {
                return value.isBoolean() || candidate.equals(text);
            }
        }
        return false;
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
