package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import io.cascadia.emulator.runtime.Resource;
import io.cascadia.emulator.runtime.ResourceTable;
import io.cascadia.web.NeutronQuery;
import io.cascadia.web.PageRequest;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Answers Neutron list requests the way Neutron does: attribute filters, the tag filters ({@code tags},
 * {@code tags-any}, {@code not-tags}, {@code not-tags-any}), {@code fields}, {@code sort_key}/{@code sort_dir}, and
 * {@code limit}/{@code marker} paging with {@code <collection>_links}. Without sort keys items come in id order and a
 * page costs O(page). Like Neutron Zed with its default strict filter validation, {@code changed_since} is refused
 * ("['changed_since'] is invalid attribute for filtering") although the timestamp extension is listed.
 */
final class NeutronLists {
    static final Set<String> SPECIAL_FILTERS = Set.of("tags", "tags-any", "not-tags", "not-tags-any");

    private NeutronLists() {
    }

    /**
     * A list request over one kind of resource.
     *
     * @param candidates the resources to consider in id order, starting after the given marker (null for all);
     *                   may be a subset the caller narrowed with an index
     * @param visible whether the caller may see a resource
     * @param extra further conditions the caller checks itself (such as {@code fixed_ips} of ports)
     */
    record Request<R extends Resource>(String collection, NeutronQuery query, Function<String, Iterable<R>> candidates,
                                       Predicate<R> visible, Predicate<R> extra,
                                       Function<R, ObjectNode> view) {
    }

    static Set<String> filterable(Set<String> attributes) {
        Set<String> all = new LinkedHashSet<>(attributes);
        all.addAll(SPECIAL_FILTERS);
        return all;
    }

    static <R extends Resource> ObjectNode answer(Context ctx, Request<R> request) {
        NeutronQuery query = request.query();
        NeutronQuery plain = query.without(SPECIAL_FILTERS);
        Predicate<R> tagged = tagFilter(query);
        PageRequest page = query.page();
        int limit = page.limit() <= 0 ? Integer.MAX_VALUE : page.limit();
        boolean simple = query.sorts().isEmpty() && !query.pageReverse();

        Iterable<R> source = request.candidates().apply(simple ? page.marker() : null);
        List<ObjectNode> selected = new ArrayList<>();
        for (R resource : source) {
            if (simple && selected.size() >= limit) {
                break;
            }
            if (!request.visible().test(resource) || !tagged.test(resource) || !request.extra().test(resource)) {
                continue;
            }
            ObjectNode node = request.view().apply(resource);
            if (plain.matches(node)) {
                selected.add(node);
            }
        }
        if (!simple) {
            selected = sortedPage(selected, query, limit);
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray(request.collection());
        selected.forEach(node -> items.add(query.select(node)));
        ArrayNode links = Json.mapper().createArrayNode();
        if (limit != Integer.MAX_VALUE && selected.size() >= limit) {
            links.addObject().put("href", page.nextHref(ctx, selected.getLast().get("id").asText())).put("rel", "next");
        }
        if (page.marker() != null && !selected.isEmpty()) {
            links.addObject().put("href", previousHref(ctx, page, selected.getFirst().get("id").asText())).put("rel", "previous");
        }
        if (!links.isEmpty()) {
            body.set(request.collection() + "_links", links);
        }
        return body;
    }

    /** Sorts by the requested keys (then id), and takes the page after (or, reversed, before) the marker. */
    private static List<ObjectNode> sortedPage(List<ObjectNode> items, NeutronQuery query, int limit) {
        Comparator<ObjectNode> order = (a, b) -> 0;
        for (NeutronQuery.Sort sort : query.sorts()) {
            Comparator<ObjectNode> byKey = (a, b) -> compare(a.get(sort.key()), b.get(sort.key()));
            order = order.thenComparing(sort.ascending() ? byKey : byKey.reversed());
        }
        order = order.thenComparing(node -> node.get("id").asText());
        List<ObjectNode> sorted = new ArrayList<>(items);
        sorted.sort(query.pageReverse() ? order.reversed() : order);
        int start = 0;
        String marker = query.page().marker();
        if (marker != null) {
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i).get("id").asText().equals(marker)) {
                    start = i + 1;
                    break;
                }
            }
        }
        List<ObjectNode> page = new ArrayList<>(sorted.subList(start, (int) Math.min(sorted.size(), (long) start + limit)));
        if (query.pageReverse()) {
            Collections.reverse(page);
        }
        return page;
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull() ? 0 : -1;
        }
        if (b == null || b.isNull()) {
            return 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.asText().compareTo(b.asText());
    }

    private static <R extends Resource> Predicate<R> tagFilter(NeutronQuery query) {
        Set<String> all = tags(query, "tags");
        Set<String> any = tags(query, "tags-any");
        Set<String> notAll = tags(query, "not-tags");
        Set<String> notAny = tags(query, "not-tags-any");
        if (all.isEmpty() && any.isEmpty() && notAll.isEmpty() && notAny.isEmpty()) {
            return resource -> true;
        }
        return resource -> {
            List<String> tags = tagsOf(resource);
            return tags.containsAll(all)
                    && (any.isEmpty() || any.stream().anyMatch(tags::contains))
                    && (notAll.isEmpty() || !tags.containsAll(notAll))
                    && notAny.stream().noneMatch(tags::contains);
        };
    }

    private static Set<String> tags(NeutronQuery query, String key) {
        return query.filter(key).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .filter(tag -> !tag.isBlank())
                .collect(Collectors.toSet());
    }

    private static List<String> tagsOf(Resource resource) {
        return resource instanceof Tagged tagged ? tagged.tags() : List.of();
    }

    private static String previousHref(Context ctx, PageRequest page, String firstId) {
        Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
        params.remove("marker");
        params.remove("page_reverse");
        params.put("limit", List.of(Integer.toString(page.limit())));
        params.put("marker", List.of(firstId));
        params.put("page_reverse", List.of("True"));
        String queryString = params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return ctx.scheme() + "://" + ctx.host() + ctx.path() + "?" + queryString;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
