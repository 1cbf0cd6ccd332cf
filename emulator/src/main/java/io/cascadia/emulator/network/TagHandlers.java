package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.Resource;
import io.cascadia.emulator.runtime.ResourceTable;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code /v2.0/<resources>/{id}/tags}: the standard-attribute tags of networks, subnets, ports, routers and
 * security groups. A tag change counts as a revision of the resource.
 */
final class TagHandlers {
    /** How to find a resource of one kind for the caller, and to store it with new tags. */
    private record Kind<R extends Resource & Tagged>(BiFunction<AuthContext, String, R> visible, ResourceTable<String, R> table,
                                                     BiFunction<R, List<String>, R> withTags) {
        void set(NeutronState state, AuthContext auth, String id, List<String> tags) {
            state.writeVoid(() -> {
                R current = visible.apply(auth, id);
                if (!current.tags().equals(tags)) {
                    table.put(withTags.apply(current, tags));
                }
            });
        }

        List<String> get(AuthContext auth, String id) {
            return visible.apply(auth, id).tags();
        }
    }

    private final NeutronState state;
    private final Map<String, Kind<?>> kinds;

    TagHandlers(NeutronState state, Networks networks, Subnets subnets, Ports ports, Routers routers, SecurityGroups groups) {
        this.state = state;
        this.kinds = Map.of(
                "networks", new Kind<>(networks::visible, state.networks, (n, t) -> n.withTags(t, state.now())),
                "subnets", new Kind<>(subnets::visible, state.subnets, (s, t) -> s.withTags(t, state.now())),
                "ports", new Kind<>(ports::visible, state.ports, (p, t) -> p.withTags(t, state.now())),
                "routers", new Kind<>(routers::visible, state.routers, (r, t) -> r.withTags(t, state.now())),
                "security-groups", new Kind<>(groups::visible, state.securityGroups, (g, t) -> g.withTags(t, state.now())));
    }

    void register(Router router) {
        router.get("/v2.0/{resources}/{id}/tags", this::list);
        router.put("/v2.0/{resources}/{id}/tags", this::replace);
        router.delete("/v2.0/{resources}/{id}/tags", this::clear);
        router.get("/v2.0/{resources}/{id}/tags/{tag}", this::check);
        router.put("/v2.0/{resources}/{id}/tags/{tag}", this::add);
        router.delete("/v2.0/{resources}/{id}/tags/{tag}", this::remove);
    }

    private Kind<?> kind(Context ctx) {
        Kind<?> kind = kinds.get(ctx.pathParam("resources"));
        if (kind == null) {
            throw NeutronErrors.notFound("HTTPNotFound", "The resource could not be found.");
        }
        return kind;
    }

    private void list(Context ctx, AuthContext auth) {
        Responses.json(ctx, 200, tagsBody(kind(ctx).get(auth, ctx.pathParam("id"))));
    }

    private void replace(Context ctx, AuthContext auth) {
        ObjectNode body = Json.parseObject(ctx.body());
        NeutronBodies.checkAttributes(body, Set.of("tags"));
        JsonNode given = body.get("tags");
        if (given == null || !given.isArray()) {
            throw NeutronErrors.badRequest("Invalid tags body: a list of tags is required");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : given) {
            tags.add(checked(tag.isTextual() ? tag.textValue() : tag.toString()));
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(tags));
        kind(ctx).set(state, auth, ctx.pathParam("id"), distinct);
        Responses.json(ctx, 200, tagsBody(distinct));
    }

    private void clear(Context ctx, AuthContext auth) {
        kind(ctx).set(state, auth, ctx.pathParam("id"), List.of());
        Responses.noContent(ctx);
    }

    private void check(Context ctx, AuthContext auth) {
        String id = ctx.pathParam("id");
        String tag = ctx.pathParam("tag");
        if (!kind(ctx).get(auth, id).contains(tag)) {
            throw NeutronErrors.tagNotFound(tag, id);
        }
        Responses.noContent(ctx);
    }

    private void add(Context ctx, AuthContext auth) {
        String id = ctx.pathParam("id");
        String tag = checked(ctx.pathParam("tag"));
        Kind<?> kind = kind(ctx);
        List<String> tags = new ArrayList<>(kind.get(auth, id));
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
        kind.set(state, auth, id, tags);
        ctx.status(201);
    }

    private void remove(Context ctx, AuthContext auth) {
        String id = ctx.pathParam("id");
        String tag = ctx.pathParam("tag");
        Kind<?> kind = kind(ctx);
        List<String> tags = new ArrayList<>(kind.get(auth, id));
        if (!tags.remove(tag)) {
            throw NeutronErrors.tagNotFound(tag, id);
        }
        kind.set(state, auth, id, tags);
        Responses.noContent(ctx);
    }

    private static String checked(String tag) {
        if (tag.isEmpty() || tag.length() > 255 || tag.contains(",")) {
            throw NeutronErrors.invalidAttribute("tags", "'" + NeutronBodies.shorten(tag) + "' is not a valid tag");
        }
        return tag;
    }

    private static ObjectNode tagsBody(List<String> tags) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("tags");
        tags.forEach(array::add);
        return body;
    }
}
