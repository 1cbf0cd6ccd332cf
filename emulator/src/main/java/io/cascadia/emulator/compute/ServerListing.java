package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.text.BoundedRegex;
import io.cascadia.core.text.RegexTimeoutException;
import io.cascadia.core.time.Timestamps;
import io.cascadia.emulator.network.Ports;
import io.cascadia.emulator.runtime.CreationOrder;
import io.cascadia.emulator.runtime.ResourceTable;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * A {@code GET /servers} or {@code /servers/detail} query, as Nova reads it: the caller's project (all projects
 * for administrators with {@code all_tenants}), filters (name as a regular expression, status, image, flavor,
 * host, zone, ip, user, key, reservation, tags), {@code changes-since} / {@code changes-before} (which also return
 * recently deleted servers), sort keys, and {@code limit}/{@code marker} paging. Unknown filters are ignored, as Nova
 * ignores them for non-administrators.
 *
 * <p>In the default order a page is read straight off the creation index, O(log n + page); change polls read only
 * the changed servers.
 */
final class ServerListing {
    static final int MAX_LIMIT = 1000;
    /** The longest name filter, as Nova's query schema has it. */
    static final int MAX_NAME_FILTER = 255;
    /** How long the regular-expression filters of one list may run before the list is refused. */
    static final Duration REGEX_BUDGET = Duration.ofSeconds(2);

    private static final Map<String, Function<Server, Comparable<?>>> SORT_KEYS = sortKeys();
    private static final Set<String> ADMIN_SORT_KEYS = Set.of("host", "node");

    private final NovaRequest request;
    private final String projectId;
    private final Instant changesSince;
    private final Instant changesBefore;
    private final boolean deletedOnly;
    private final Predicate<Server> filter;
    private final Comparator<Server> order;
    private final boolean defaultOrder;
    private final int limit;
    private final String marker;

    private ServerListing(NovaRequest request, String projectId, Instant changesSince, Instant changesBefore,
                          boolean deletedOnly, Predicate<Server> filter, Comparator<Server> order, boolean defaultOrder,
                          int limit, String marker) {
        this.request = request;
        this.projectId = projectId;
        this.changesSince = changesSince;
        this.changesBefore = changesBefore;
        this.deletedOnly = deletedOnly;
        this.filter = filter;
        this.order = order;
        this.defaultOrder = defaultOrder;
        this.limit = limit;
        this.marker = marker;
    }

    static ServerListing parse(Context ctx, NovaRequest request, Ports ports) {
        boolean allTenants = isTrue(ctx.queryParam("all_tenants"));
        if (allTenants) {
            NovaPolicy.requireAdmin(request, "os_compute_api:servers:detail:get_all_tenants");
        }
        String projectId = allTenants
                ? first(ctx, "project_id", first(ctx, "tenant_id", null))
                : request.projectId();
        Instant since = time(ctx, "changes-since");
        Instant before = time(ctx, "changes-before");
        if (since != null && before != null && before.isBefore(since)) {
            throw OpenStackException.badRequest("The value of changes-since must be less than or equal to changes-before.");
        }
        boolean deletedOnly = false;
        String deleted = ctx.queryParam("deleted");
        if (deleted != null && request.admin()) {
            deletedOnly = isTrue(deleted);
        }
        Predicate<Server> filter = filters(ctx, request, ports);
        Comparator<Server> order = order(ctx, request);
        String limitText = ctx.queryParam("limit");
        int limit = MAX_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                throw NovaSchema.invalid("limit", limitText, "'" + limitText + "' is not an integer");
            }
            if (limit < 0) {
                throw OpenStackException.badRequest("Invalid input for query parameters limit. Value: " + limit
                        + ". " + limit + " is less than the minimum of 0");
            }
            limit = limit == 0 ? MAX_LIMIT : Math.min(limit, MAX_LIMIT);
        }
        return new ServerListing(request, projectId, since, before, deletedOnly, filter, order,
                order == null, limit, ctx.queryParam("marker"));
    }

    /**
     * The page of servers the query selects; a bad request when its regular-expression filters run past
     * {@link #REGEX_BUDGET}.
     */
    List<Server> run(ServerTable table) {
        try {
            return select(table);
        } catch (RegexTimeoutException e) {
            throw OpenStackException.badRequest("The name filter took too long to evaluate; use a simpler regular expression.");
        }
    }

    private List<Server> select(ServerTable table) {
        boolean changes = changesSince != null || changesBefore != null;
        Comparator<Server> effective = order != null ? order : newestFirst();
        if (!changes && !deletedOnly && defaultOrder) {
            return fromIndex(table.live);
        }
        List<Server> candidates = new ArrayList<>();
        if (changes) {
            Map<String, Server> unique = new LinkedHashMap<>();
            for (Server server : table.live.changedBetween(changesSince, changesBefore)) {
                unique.put(server.id(), server);
            }
            for (Server server : table.deleted.changedBetween(changesSince, changesBefore)) {
                unique.putIfAbsent(server.id(), server);
            }
            candidates.addAll(unique.values());
        } else {
            ResourceTable<CreationOrder, Server> source = deletedOnly ? table.deleted : table.live;
            candidates.addAll(source.ordered(projectId).values());
        }
        candidates.removeIf(server -> !(projectId == null || server.projectId().equals(projectId)) || !filter.test(server));
        candidates.sort(effective);
        int start = 0;
        if (marker != null) {
            start = -1;
            for (int i = 0; i < candidates.size(); i++) {
                if (candidates.get(i).id().equals(marker)) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw markerNotFound();
            }
        }
        return List.copyOf(candidates.subList(start, Math.min(candidates.size(), start + limit)));
    }

    /** The default order straight off the creation index, newest first, after the marker. */
    private List<Server> fromIndex(ResourceTable<CreationOrder, Server> live) {
        NavigableMap<CreationOrder, Server> newestFirst = live.ordered(projectId).descendingMap();
        if (marker != null) {
            Server after = live.find(marker)
                    .filter(server -> projectId == null || server.projectId().equals(projectId))
                    .orElseThrow(this::markerNotFound);
            newestFirst = newestFirst.tailMap(live.keyOf(after), false);
        }
        List<Server> page = new ArrayList<>(Math.min(limit, 64));
        for (Server server : newestFirst.values()) {
            if (page.size() >= limit) {
                break;
            }
            if (filter.test(server)) {
                page.add(server);
            }
        }
        return page;
    }

    boolean isFull(int returned) {
        return returned > 0 && returned == limit;
    }

    private OpenStackException markerNotFound() {
        return OpenStackException.badRequest("marker [" + marker + "] not found");
    }

    private static Comparator<Server> newestFirst() {
        return Comparator.comparing(Server::createdAt).thenComparing(Server::id).reversed();
    }

    private static Predicate<Server> filters(Context ctx, NovaRequest request, Ports ports) {
        List<Predicate<Server>> filters = new ArrayList<>();
        long deadline = System.nanoTime() + REGEX_BUDGET.toNanos();
        String name = ctx.queryParam("name");
        if (name != null) {
            if (name.length() > MAX_NAME_FILTER) {
                throw OpenStackException.badRequest("Invalid input for query parameters name. Value: " + NovaSchema.shorten(name)
                        + ". '" + NovaSchema.shorten(name) + "' is too long");
            }
            Pattern pattern = regex(name);
            filters.add(server -> BoundedRegex.find(pattern, server.name(), deadline));
        }
        List<String> statuses = ctx.queryParams("status");
        if (!statuses.isEmpty()) {
            List<ServerStatus> wanted = new ArrayList<>();
            for (String status : statuses) {
                ServerStatus parsed = ServerStatus.parse(status).orElse(null);
                if (parsed == null) {
                    if (request.atLeast(38)) {
                        throw OpenStackException.badRequest("Invalid status value");
                    }
                    return server -> false;
                }
                wanted.add(parsed);
            }
            filters.add(server -> wanted.contains(server.state().status()));
        }
        equal(ctx, "image", filters, server -> server.spec().imageId());
        equal(ctx, "flavor", filters, server -> server.spec().flavor().id());
        equal(ctx, "key_name", filters, server -> server.spec().keyName());
        equal(ctx, "reservation_id", filters, server -> server.spec().reservationId());
        equal(ctx, "availability_zone", filters, server -> server.spec().availabilityZone());
        if (request.admin()) {
            equal(ctx, "host", filters, server -> server.spec().host());
            equal(ctx, "node", filters, server -> server.spec().host());
            equal(ctx, "user_id", filters, Server::userId);
        }
        for (String key : List.of("ip", "ip6")) {
            String value = ctx.queryParam(key);
            if (value != null) {
                Pattern pattern = regex(value);
                filters.add(server -> server.portIds().stream()
                        .flatMap(portId -> ports.serverPort(portId).stream())
                        .flatMap(port -> port.ipAddresses().stream())
                        .filter(ip -> key.equals("ip6") == ip.contains(":"))
                        .anyMatch(ip -> BoundedRegex.find(pattern, ip, deadline)));
            }
        }
        if (request.atLeast(26)) {
            List<String> all = tags(ctx, "tags");
            List<String> any = tags(ctx, "tags-any");
            List<String> notAll = tags(ctx, "not-tags");
            List<String> notAny = tags(ctx, "not-tags-any");
            filters.add(server -> server.tags().containsAll(all)
                    && (any.isEmpty() || any.stream().anyMatch(server.tags()::contains))
                    && (notAll.isEmpty() || !server.tags().containsAll(notAll))
                    && notAny.stream().noneMatch(server.tags()::contains));
        }
        return server -> {
            for (Predicate<Server> filter : filters) {
                if (!filter.test(server)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static void equal(Context ctx, String key, List<Predicate<Server>> filters, Function<Server, String> value) {
        String wanted = ctx.queryParam(key);
        if (wanted != null) {
            filters.add(server -> wanted.equals(value.apply(server)));
        }
    }

    private static List<String> tags(Context ctx, String key) {
        String value = ctx.queryParam(key);
        return value == null ? List.of() : Arrays.stream(value.split(",")).filter(tag -> !tag.isBlank()).toList();
    }

    /** The requested order, or null for Nova's default (created_at desc, id desc). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Server> order(Context ctx, NovaRequest request) {
        List<String> keys = ctx.queryParams("sort_key");
        List<String> dirs = ctx.queryParams("sort_dir");
        if (keys.isEmpty() && dirs.isEmpty()) {
            return null;
        }
        Comparator<Server> order = null;
        for (int i = 0; i < Math.max(keys.size(), 1); i++) {
            String key = keys.isEmpty() ? "created_at" : keys.get(i);
            String dir = i < dirs.size() ? dirs.get(i) : "desc";
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw NovaSchema.invalid("sort_dir", dir, "'" + dir + "' is not one of ['asc', 'desc']");
            }
            Function<Server, Comparable<?>> value = SORT_KEYS.get(key);
            if (value == null) {
                throw NovaSchema.invalid("sort_key", key, "'" + key + "' is not one of "
                        + SORT_KEYS.keySet().stream().sorted().collect(Collectors.joining("', '", "['", "']")));
            }
            if (ADMIN_SORT_KEYS.contains(key) && !request.admin()) {
                continue;
            }
            Comparator<Server> byKey = Comparator.comparing(server -> (Comparable) value.apply(server),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            byKey = dir.equals("asc") ? byKey : byKey.reversed();
            order = order == null ? byKey : order.thenComparing(byKey);
        }
        Comparator<Server> byId = Comparator.comparing(Server::id);
        return order == null ? null : order.thenComparing(byId.reversed());
    }

    private static Map<String, Function<Server, Comparable<?>>> sortKeys() {
        Map<String, Function<Server, Comparable<?>>> keys = new LinkedHashMap<>();
        keys.put("created_at", Server::createdAt);
        keys.put("updated_at", Server::updatedAt);
        keys.put("display_name", Server::name);
        keys.put("display_description", Server::description);
        keys.put("uuid", Server::id);
        keys.put("launched_at", server -> server.state().launchedAt());
        keys.put("terminated_at", server -> server.state().terminatedAt());
        keys.put("vm_state", server -> server.state().vmState().apiName());
        keys.put("task_state", server -> server.state().taskState() == null ? null : server.state().taskState().apiName());
        keys.put("power_state", server -> server.state().powerState().code());
        keys.put("availability_zone", server -> server.spec().availabilityZone());
        keys.put("host", server -> server.spec().host());
        keys.put("node", server -> server.spec().host());
        keys.put("hostname", server -> server.spec().hostname());
        keys.put("image_ref", server -> server.spec().imageId());
        keys.put("key_name", server -> server.spec().keyName());
        keys.put("launch_index", server -> server.spec().launchIndex());
        keys.put("project_id", Server::projectId);
        keys.put("user_id", Server::userId);
        keys.put("access_ip_v4", Server::accessIPv4);
        keys.put("access_ip_v6", Server::accessIPv6);
        return Map.copyOf(keys);
    }

    private static Pattern regex(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(text));
        }
    }

    private static Instant time(Context ctx, String key) {
        String text = ctx.queryParam(key);
        if (text == null) {
            return null;
        }
        return Timestamps.parse(text).orElseThrow(() -> OpenStackException.badRequest(
                "Invalid input for query parameters " + key + ". Value: " + NovaSchema.shorten(text) + ". '"
                        + NovaSchema.shorten(text) + "' is not a 'date-time'"));
    }

    private static String first(Context ctx, String key, String fallback) {
        String value = ctx.queryParam(key);
        return value != null ? value : fallback;
    }

    private static boolean isTrue(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")
                || value.equalsIgnoreCase("t") || value.equalsIgnoreCase("on"));
    }
}
