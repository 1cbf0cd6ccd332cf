package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.api.network.PortService;
import io.cascadia.core.compute.ObservedServer;
import io.cascadia.core.compute.Server;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.ServerQuery;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.volume.VolumeAttachments;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@code /servers}: list and detail (one indexed query per page, filtered by name regex, status, zone and
 * changes-since; {@code all_tenants} for administrators), create, show, update, delete and metadata. Another
 * project's server is "not found", never "forbidden", as in Nova.
 */
final class ServerHandlers {
    private static final int MAX_LIMIT = 1000;
    /** The longest name filter, as Nova's query schema has it. */
    private static final int MAX_NAME_FILTER = 255;
    private static final Set<String> CREATE = Set.of("name", "imageRef", "flavorRef", "networks", "security_groups",
            "key_name", "metadata", "availability_zone", "config_drive", "user_data", "adminPass", "accessIPv4", "accessIPv6",
            "min_count", "max_count", "return_reservation_id", "block_device_mapping", "block_device_mapping_v2",
            "description", "tags", "OS-DCF:diskConfig", "personality");
    private static final Set<String> UPDATE = Set.of("name", "accessIPv4", "accessIPv6", "description", "OS-DCF:diskConfig");
    private static final Set<String> QUERY = Set.of("all_tenants", "name", "status", "availability_zone", "changes-since",
            "changes-before", "host", "project_id", "tenant_id", "limit", "marker", "sort_key", "sort_dir", "ip", "ip6", "flavor",
            "image", "reservation_id", "deleted", "locked", "tags", "tags-any", "not-tags", "not-tags-any", "user_id",
            "key_name", "config_drive", "hostname", "node", "power_state", "task_state", "vm_state", "uuid", "access_ip_v4",
            "access_ip_v6", "created_at", "description", "display_name", "display_description", "launched_at",
            "terminated_at", "progress", "kernel_id", "ramdisk_id", "launch_index", "root_device_name", "soft_deleted",
            "updated_at");
    private static final Set<String> ACTIONS = Set.of("reboot", "os-stop", "os-start", "pause", "unpause", "suspend",
            "resume", "lock", "unlock", "rebuild", "resize", "confirmResize", "revertResize", "createImage", "shelve",
            "unshelve", "rescue", "unrescue", "migrate", "os-migrateLive", "changePassword", "addSecurityGroup",
            "removeSecurityGroup", "os-getConsoleOutput", "forceDelete", "restore", "trigger_crash_dump", "evacuate");

    private final Servers servers;
    private final ServerService service;
    private final PortService ports;
    private final ComputeQuotas quotas;
    private final VolumeAttachments attachments;
    private final ServerLifecycle lifecycle;
    private final ServerObservations observations;
    private final Clock clock;

    ServerHandlers(Servers servers, ServerService service, PortService ports, ComputeQuotas quotas,
                   VolumeAttachments attachments, ServerLifecycle lifecycle, ServerObservations observations, Clock clock) {
        this.lifecycle = lifecycle;
        this.observations = observations;
        this.servers = servers;
        this.service = service;
        this.ports = ports;
        this.quotas = quotas;
        this.attachments = attachments;
        this.clock = clock;
    }

    void register(VersionedRoutes<ComputeContext> routes) {
        routes.get("/servers", (ctx, c) -> list(ctx, c, false));
        routes.get("/servers/detail", (ctx, c) -> list(ctx, c, true));
        routes.post("/servers", this::create);
        routes.get("/servers/{id}", this::show);
        routes.put("/servers/{id}", this::update);
        routes.delete("/servers/{id}", this::delete);
        routes.post("/servers/{id}/action", this::action);
        routes.get("/servers/{id}/metadata", this::metadata);
        routes.post("/servers/{id}/metadata", (ctx, c) -> setMetadata(ctx, c, true));
        routes.put("/servers/{id}/metadata", (ctx, c) -> setMetadata(ctx, c, false));
        routes.get("/servers/{id}/metadata/{key}", this::metadataItem);
        routes.put("/servers/{id}/metadata/{key}", this::setMetadataItem);
        routes.delete("/servers/{id}/metadata/{key}", this::deleteMetadataItem);
    }

    /** The server if the caller's project owns it or the caller is an administrator; else Nova's not-found. */
    Server visible(ComputeContext c, String id) {
        return servers.find(id)
                .filter(s -> c.admin() || s.projectId().equals(c.auth().projectId()))
                .orElseThrow(() -> Nova.serverNotFound(id));
    }

    private void list(Context ctx, ComputeContext c, boolean detail) {
        ServerQuery query = query(ctx, c);
        List<Server> page = query == null ? List.of() : select(query);
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("servers");
        ServerViews views = new ServerViews(c, detail ? attachments.forServers(page.stream().map(Server::id).toList()) : Map.of());
        Map<String, ObservedServer.Fault> faults = detail
                ? observations.faults(page.stream().filter(s -> "ERROR".equals(s.status())).map(Server::id).toList())
                : Map.of();
        for (Server server : page) {
            array.add(detail ? views.detail(server, false, faults.get(server.id())) : views.summary(server));
        }
        if (query != null && ctx.queryParam("limit") != null && PageRequest.parse(ctx, MAX_LIMIT).isFull(page.size())) {
            body.putArray("servers_links").addObject().put("rel", "next")
                    .put("href", PageRequest.parse(ctx, MAX_LIMIT).nextHref(ctx, page.getLast().id()));
        }
        Responses.json(ctx, 200, body);
    }

    private List<Server> select(ServerQuery query) {
        try {
            return servers.list(query);
        } catch (UnableToExecuteStatementException e) {
            String state = e.getCause() instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if ("2201B".equals(state)) {
                throw OpenStackException.badRequest("Invalid regular expression in name filter.");
            }
            if ("57014".equals(state) && query.nameRegex() != null) {
                throw OpenStackException.badRequest("The name filter took too long to evaluate; use a simpler regular expression.");
            }
            if ("57014".equals(state)) {
                throw new OpenStackException(ErrorKind.SERVICE_UNAVAILABLE, "The server list took too long; try again later.");
            }
            throw e;
        }
    }

    /** The list query, or null when it can match nothing (an unknown status, as Nova answers with an empty list). */
    private ServerQuery query(Context ctx, ComputeContext c) {
        if (c.atLeast(75)) {
            for (String key : ctx.queryParamMap().keySet()) {
                if (!QUERY.contains(key)) {
                    throw OpenStackException.badRequest("Invalid input for query parameters " + Nova.show(key)
                            + ". Value: " + Nova.show(String.valueOf(ctx.queryParam(key))) + ". Additional properties are not allowed");
                }
            }
        }
        boolean allTenants = allTenants(ctx);
        if (allTenants && !c.admin()) {
            throw Nova.policy("os_compute_api:servers:index:get_all_tenants");
        }
        String project = c.project();
        if (c.admin() && allTenants) {
            project = first(ctx, "project_id", first(ctx, "tenant_id", null));
        }
        String name = ctx.queryParam("name");
        if (name != null && name.length() > MAX_NAME_FILTER) {
            throw OpenStackException.badRequest("Invalid input for query parameters name. Value: " + Nova.show(name) + ". '"
                    + Nova.show(name) + "' is too long");
        }
        if (name != null) {
            try {
                Pattern.compile(name);
            } catch (PatternSyntaxException e) {
                throw OpenStackException.badRequest("Invalid regular expression in name filter: " + Nova.show(name));
            }
        }
        List<String> statuses = new ArrayList<>();
        for (String status : ctx.queryParams("status")) {
            String upper = status.toUpperCase(Locale.ROOT);
            if (Servers.STATUSES.contains(upper)) {
                statuses.add(upper);
            }
        }
        if (!ctx.queryParams("status").isEmpty() && statuses.isEmpty()) {
            return null;
        }
        Instant since = null;
        String sinceText = ctx.queryParam("changes-since");
        if (sinceText != null) {
            since = Timestamps.parse(sinceText).orElseThrow(() -> OpenStackException.badRequest(
                    "Invalid input for query parameters changes-since. Value: " + Nova.show(sinceText) + ". '"
                            + Nova.show(sinceText) + "' is not a 'date-time'"));
        }
        String sortKey = ctx.queryParam("sort_key");
        if (sortKey != null && !Servers.SORT_KEYS.containsKey(sortKey)) {
            if (c.atLeast(75) || !c.admin()) {
                throw OpenStackException.badRequest("Invalid input for query parameters sort_key. Value: " + Nova.show(sortKey)
                        + ". '" + Nova.show(sortKey) + "' is not one of " + Servers.SORT_KEYS.keySet().stream().sorted().toList());
            }
            sortKey = null;
        }
        String sortDir = first(ctx, "sort_dir", "desc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw OpenStackException.badRequest("Invalid input for query parameters sort_dir. Value: " + Nova.show(sortDir)
                    + ". '" + Nova.show(sortDir) + "' is not one of ['asc', 'desc']");
        }
        PageRequest page = PageRequest.parse(ctx, MAX_LIMIT);
        if (page.marker() != null) {
            String marker = page.marker();
            boolean withDeleted = since != null;
            servers.find(marker).or(() -> withDeleted ? servers.findDeleted(marker) : java.util.Optional.empty())
                    .filter(s -> c.admin() || s.projectId().equals(c.auth().projectId()))
                    .orElseThrow(() -> OpenStackException.badRequest("marker [" + Nova.show(marker) + "] not found"));
        }
        return new ServerQuery(project, name, statuses, ctx.queryParam("availability_zone"), since,
                c.admin() ? ctx.queryParam("host") : null, sortKey, sortDir.equals("asc"), page.marker(), page.limit());
    }

    private static boolean allTenants(Context ctx) {
        String value = ctx.queryParam("all_tenants");
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> throw OpenStackException.badRequest("Invalid input for query parameters all_tenants. Value: "
                    + Nova.show(value) + ". '" + Nova.show(value) + "' is not a boolean");
        };
    }

    private static String first(Context ctx, String name, String fallback) {
        String value = ctx.queryParam(name);
        return value == null ? fallback : value;
    }

    private void create(Context ctx, ComputeContext c) {
        ObjectNode root = Json.parseObject(ctx.body());
        for (String key : (Iterable<String>) root::fieldNames) {
            if (!Set.of("server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints").contains(key)) {
                throw OpenStackException.badRequest("Invalid input for field/attribute server. Additional properties are not allowed ('"
                        + Nova.show(key) + "' was unexpected)");
            }
        }
        ServerCreateRequest request = ServerCreateRequest.parse(c, Nova.body(ctx, "server", CREATE));
        ServerService.Created created = service.create(c, request);
        Server first = created.servers().getFirst();
        ObjectNode server = Json.object().put("id", first.id());
        ArrayNode links = server.putArray("links");
        links.addObject().put("rel", "self").put("href", c.self("/servers/" + first.id()));
        links.addObject().put("rel", "bookmark").put("href", c.bookmark("/servers/" + first.id()));
        server.put("OS-DCF:diskConfig", "MANUAL");
        ArrayNode groups = server.putArray("security_groups");
        first.securityGroups().forEach(name -> groups.addObject().put("name", name));
        server.put("adminPass", created.adminPass());
        ctx.header("Location", c.self("/servers/" + first.id()));
        if (request.returnReservationId()) {
            Responses.json(ctx, 202, Json.object().put("reservation_id", "r-" + first.id().substring(0, 8)));
            return;
        }
        Responses.json(ctx, 202, Json.object().set("server", server));
    }

    private void show(Context ctx, ComputeContext c) {
        Server server = visible(c, ctx.pathParam("id"));
        ObservedServer.Fault fault = "ERROR".equals(server.status()) ? observations.fault(server.id()).orElse(null) : null;
        Responses.json(ctx, 200, Json.object().set("server",
                new ServerViews(c, attachments.forServers(List.of(server.id()))).detail(server, true, fault)));
    }

    private void update(Context ctx, ComputeContext c) {
        Server current = visible(c, ctx.pathParam("id"));
        ObjectNode body = Nova.body(ctx, "server", UPDATE);
        if (body.has("description") && !c.atLeast(19)) {
            throw OpenStackException.badRequest("Invalid input for field/attribute server. Additional properties are not allowed ('description' was unexpected)");
        }
        String name = body.has("name") ? Nova.name(body, "name") : current.name();
        Server updated = new Server(current.id(), current.projectId(), current.userId(), name,
                body.has("description") ? Nova.nullableString(body, "description", 255) : current.description(),
                current.status(), current.vmState(), current.taskState(), current.powerState(), current.availabilityZone(),
                current.flavor(), current.imageId(), current.keyName(), current.userData(),
                body.has("accessIPv4") ? Nova.string(body, "accessIPv4", 0, 64) : current.accessIpv4(),
                body.has("accessIPv6") ? Nova.string(body, "accessIPv6", 0, 64) : current.accessIpv6(), current.configDrive(),
                current.host(), current.hostname(), current.locked(), current.securityGroups(), current.preservedPortIds(),
                current.addresses(), current.metadata(), current.tags(), current.createdAt(), now(),
                current.launchedAt());
        lifecycle.update(current, updated);
        ServerViews views = new ServerViews(c, attachments.forServers(List.of(updated.id())));
        Responses.json(ctx, 200, Json.object().set("server", c.atLeast(75) ? views.detail(updated, true, null) : views.basic(updated)));
    }

    private void delete(Context ctx, ComputeContext c) {
        Server server = visible(c, ctx.pathParam("id"));
        if (server.locked() && !c.admin()) {
            throw OpenStackException.conflict("Instance " + server.id() + " is locked");
        }
        service.delete(server);
        Responses.noContent(ctx);
    }

    /** Actions need a site's copy of the server, which only exists once a proxy has placed it. */
    private void action(Context ctx, ComputeContext c) {
        Server server = visible(c, ctx.pathParam("id"));
        ObjectNode body = Json.parseObject(ctx.body());
        if (body.size() != 1) {
            throw OpenStackException.badRequest("Malformed request body");
        }
        String action = body.fieldNames().next();
        if (!ACTIONS.contains(action)) {
            throw OpenStackException.badRequest("There is no such action: " + Nova.show(action));
        }
        if (ServerLifecycle.forwards(action)) {
            lifecycle.act(server, action, body.get(action));
            ctx.status(202);
            return;
        }
        throw OpenStackException.conflict("Cannot '" + action + "' instance " + server.id() + " while it is in vm_state "
                + server.vmState());
    }

    private void metadata(Context ctx, ComputeContext c) {
        Server server = visible(c, ctx.pathParam("id"));
        Responses.json(ctx, 200, Json.object().set("metadata", Json.mapper().valueToTree(new java.util.TreeMap<>(server.metadata()))));
    }

    private void setMetadata(Context ctx, ComputeContext c, boolean merge) {
        Server server = visible(c, ctx.pathParam("id"));
        ObjectNode root = Json.parseObject(ctx.body());
        if (!root.has("metadata")) {
            throw OpenStackException.badRequest("Invalid input for field/attribute metadata. Value: " + Nova.show(root.toString())
                    + ". 'metadata' is a required property");
        }
        Map<String, String> given = Metadata.read(root, "metadata");
        Map<String, String> next = new java.util.TreeMap<>(merge ? server.metadata() : Map.of());
        next.putAll(given);
        quotas.checkMetadata(server.projectId(), next.size());
        lifecycle.replaceMetadata(server, next);
        Responses.json(ctx, 200, Json.object().set("metadata", Json.mapper().valueToTree(merge ? next : new java.util.TreeMap<>(given))));
    }

    private void metadataItem(Context ctx, ComputeContext c) {
        Server server = visible(c, ctx.pathParam("id"));
        String key = ctx.pathParam("key");
        String value = server.metadata().get(key);
        if (value == null) {
            throw OpenStackException.notFound("Metadata item was not found");
        }
        Responses.json(ctx, 200, Json.object().set("meta", Json.object().put(key, value)));
    }

    private void setMetadataItem(Context ctx, ComputeContext c) {
        Server server = visible(c, ctx.pathParam("id"));
        String key = ctx.pathParam("key");
        ObjectNode root = Json.parseObject(ctx.body());
        JsonNode meta = root.get("meta");
        if (meta == null || !meta.isObject() || meta.size() != 1) {
            throw OpenStackException.badRequest("Invalid input for field/attribute meta. Value: " + Nova.show(root.toString())
                    + ". 'meta' must hold exactly one item");
        }
        Map<String, String> item = Metadata.read(root, "meta");
        if (!item.containsKey(key)) {
            throw OpenStackException.badRequest("Request body and URI mismatch");
        }
        Map<String, String> next = new java.util.TreeMap<>(server.metadata());
        next.putAll(item);
        quotas.checkMetadata(server.projectId(), next.size());
        lifecycle.replaceMetadata(server, next);
        Responses.json(ctx, 200, Json.object().set("meta", Json.object().put(key, item.get(key))));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void deleteMetadataItem(Context ctx, ComputeContext c) {
        Server server = visible(c, ctx.pathParam("id"));
        String key = ctx.pathParam("key");
        if (!server.metadata().containsKey(key)) {
            throw OpenStackException.notFound("Metadata item was not found");
        }
        Map<String, String> next = new java.util.TreeMap<>(server.metadata());
        next.remove(key);
        lifecycle.replaceMetadata(server, next);
        Responses.noContent(ctx);
    }
}
