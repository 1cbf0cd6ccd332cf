package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.network.Ports;
import io.cascadia.emulator.runtime.StreamedJson;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code /servers}: list, detail, show, create, update, delete, and the {@code action} endpoint. */
final class ServerHandlers {
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "description", "accessIPv4", "accessIPv6",
            "OS-DCF:diskConfig");

    private final ServerTable table;
    private final Servers servers;
    private final ServerStateMachine machine;
    private final ServerViews views;
    private final Ports ports;

    ServerHandlers(ServerTable table, Servers servers, ServerStateMachine machine, ServerViews views, Ports ports) {
        this.table = table;
        this.servers = servers;
        this.machine = machine;
        this.views = views;
        this.ports = ports;
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/servers", (ctx, request) -> list(ctx, request, false));
        routes.get("/servers/detail", (ctx, request) -> list(ctx, request, true));
        routes.post("/servers", this::create);
        routes.get("/servers/{id}", this::show);
        routes.put("/servers/{id}", this::update);
        routes.delete("/servers/{id}", this::delete);
        routes.post("/servers/{id}/action", this::action);
    }

    private void list(Context ctx, NovaRequest request, boolean detail) {
        ServerListing listing = ServerListing.parse(ctx, request, ports);
        List<Server> page = listing.run(table);
        String next = listing.isFull(page.size())
                ? PageRequest.parse(ctx, ServerListing.MAX_LIMIT).nextHref(ctx, page.getLast().id())
                : null;
        Responses.json(ctx, 200, StreamedJson.of(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("servers");
            for (Server server : page) {
                if (detail) {
                    views.write(g, ctx, request, server, ServerViews.Mode.DETAIL);
                } else {
                    g.writeTree(views.summary(ctx, server));
                }
            }
            g.writeEndArray();
            if (next != null) {
                g.writeArrayFieldStart("servers_links");
                g.writeStartObject();
                g.writeStringField("rel", "next");
                g.writeStringField("href", next);
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndObject();
        }));
    }

    private void create(Context ctx, NovaRequest request) {
        ServerCreateRequest create = ServerCreateRequest.parse(Json.parseObject(ctx.body()), request);
        Servers.Created created = servers.create(request, create);
        if (create.returnReservationId()) {
            Responses.json(ctx, 202, Json.object().put("reservation_id", created.reservationId()));
            return;
        }
        Server first = created.servers().getFirst();
        ObjectNode server = Json.object().put("id", first.id());
        server.set("links", ComputeLinks.of(ctx, "servers", first.id()));
        server.put("OS-DCF:diskConfig", create.autoDiskConfig() ? "AUTO" : "MANUAL");
        ArrayNode groups = server.putArray("security_groups");
        if (create.securityGroups().isEmpty()) {
            groups.addObject().put("name", "default");
        } else {
            create.securityGroups().forEach(name -> groups.addObject().put("name", name));
        }
        server.put("adminPass", created.adminPass());
        ctx.header("Location", ComputeLinks.versioned(ctx) + "/servers/" + first.id());
        Responses.json(ctx, 202, Json.object().set("server", server));
    }

    private void show(Context ctx, NovaRequest request) {
        Server server = servers.visible(request, ctx.pathParam("id"));
        Responses.json(ctx, 200, single(ctx, request, server, ServerViews.Mode.SHOW));
    }

    private void update(Context ctx, NovaRequest request) {
        ObjectNode body = Fields.requiredObject(Json.parseObject(ctx.body()), "server");
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!UPDATE_FIELDS.contains(field) || (field.equals("description") && !request.atLeast(19))) {
                throw NovaSchema.invalid("server", field, "Additional properties are not allowed ('" + field + "' was unexpected)");
            }
        }
        String name = body.has("name") ? NovaSchema.name(body, "name") : null;
        String description = Fields.optionalString(body, "description")
                .map(text -> Fields.checkLength("description", text, 0, 255)).orElse(null);
        Server server = servers.update(request, ctx.pathParam("id"), name, description, body.has("description"),
                Fields.optionalString(body, "accessIPv4").orElse(null), Fields.optionalString(body, "accessIPv6").orElse(null));
        Responses.json(ctx, 200, single(ctx, request, server, ServerViews.Mode.UPDATE));
    }

    private StreamedJson single(Context ctx, NovaRequest request, Server server, ServerViews.Mode mode) {
        return StreamedJson.of(g -> {
            g.writeStartObject();
            g.writeFieldName("server");
            views.write(g, ctx, request, server, mode);
            g.writeEndObject();
        });
    }

    private void delete(Context ctx, NovaRequest request) {
        servers.delete(request, ctx.pathParam("id"));
        Responses.noContent(ctx);
    }

    /** {@code os-stop}, {@code os-start} and {@code reboot}; 202 once accepted. */
    private void action(Context ctx, NovaRequest request) {
        ObjectNode body = Json.parseObject(ctx.body());
        if (body.size() != 1) {
            throw OpenStackException.badRequest("Invalid request body: exactly one action is required");
        }
        String action = body.fieldNames().next();
        String id = ctx.pathParam("id");
        machine.locked(() -> {
            switch (action) {
                case "os-stop" -> machine.stop(servers.visible(request, id));
                case "os-start" -> machine.start(servers.visible(request, id));
                case "reboot" -> machine.reboot(servers.visible(request, id), hard(body.get("reboot")));
                default -> throw OpenStackException.badRequest("There is no such action: " + NovaSchema.shorten(action));
            }
            return null;
        });
        ctx.status(202);
    }

    private static boolean hard(JsonNode reboot) {
        if (reboot == null || !reboot.isObject()) {
            throw NovaSchema.invalid("reboot", String.valueOf(reboot), "is not of type 'object'");
        }
        String type = Fields.requiredString(reboot, "type");
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "HARD" -> true;
            case "SOFT" -> false;
            default -> throw NovaSchema.invalid("type", type, "'" + type + "' does not match '^(hard|HARD|soft|SOFT)$'");
        };
    }
}
