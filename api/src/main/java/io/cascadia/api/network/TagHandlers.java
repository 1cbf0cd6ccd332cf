package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code /v2.0/<resources>/{id}/tags} of {@code standard-attr-tag}: replace all, add one, check one, remove one or all.
 * Only the owner (or an administrator) may change a resource's tags; others get the resource's NotFound.
 */
final class TagHandlers {
    private static final int MAX_TAG_LENGTH = 255;
    private static final int MAX_TAGS = 50;

    private final NetworkStore store;
    private final Map<String, BiFunction<AuthContext, String, String>> owners;

    /** @param owners for each collection, a lookup from caller and id to the owning project that fails as NotFound */
    TagHandlers(NetworkStore store, Map<String, BiFunction<AuthContext, String, String>> owners) {
        this.store = store;
        this.owners = Map.copyOf(owners);
    }

    void register(Router router) {
        for (String collection : owners.keySet()) {
            String base = "/v2.0/" + collection + "/{id}/tags";
            router.get(base, (ctx, auth) -> list(ctx, auth, collection));
            router.put(base, (ctx, auth) -> replace(ctx, auth, collection));
            router.delete(base, (ctx, auth) -> removeAll(ctx, auth, collection));
            router.get(base + "/{tag}", (ctx, auth) -> check(ctx, auth, collection));
            router.put(base + "/{tag}", (ctx, auth) -> add(ctx, auth, collection));
            router.delete(base + "/{tag}", (ctx, auth) -> remove(ctx, auth, collection));
        }
    }

    private String resource(Context ctx, AuthContext auth, String collection, boolean change) {
        String id = ctx.pathParam("id");
        String owner = owners.get(collection).apply(auth, id);
        if (change && !NetworkPolicy.owns(auth, owner)) {
            throw Neutron.policy("update_" + collection);
        }
        return id;
    }

    private void list(Context ctx, AuthContext auth, String collection) {
        String id = resource(ctx, auth, collection, false);
        respondTags(ctx, 200, store.repositories().tags().of(List.of(id)).getOrDefault(id, List.of()));
    }

    private void replace(Context ctx, AuthContext auth, String collection) {
        String id = resource(ctx, auth, collection, true);
        ObjectNode body = Json.parseObject(ctx.body());
        JsonNode tags = body.get("tags");
        if (tags == null || !tags.isArray()) {
            throw Neutron.badRequest("Invalid input for tags. Reason: a list of tags is required.");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode tag : tags) {
            values.add(checked(tag.isTextual() ? tag.textValue() : tag.toString()));
        }
        if (values.size() > MAX_TAGS) {
            throw tooManyTags();
        }
        store.repositories().tags().replace(id, values);
        respondTags(ctx, 200, NetworkHandlers.sorted(values));
    }

    private void add(Context ctx, AuthContext auth, String collection) {
        String id = resource(ctx, auth, collection, true);
        if (!store.repositories().tags().add(id, checked(ctx.pathParam("tag")), MAX_TAGS)) {
            throw tooManyTags();
        }
        ctx.status(201);
    }

    private void check(Context ctx, AuthContext auth, String collection) {
        String id = resource(ctx, auth, collection, false);
        String tag = ctx.pathParam("tag");
        if (!store.repositories().tags().of(List.of(id)).getOrDefault(id, List.of()).contains(tag)) {
            throw Neutron.notFound("TagNotFound", "Tag " + Neutron.show(tag) + " could not be found for " + collection + " " + id + ".");
        }
        ctx.status(204);
    }

    private void remove(Context ctx, AuthContext auth, String collection) {
        String id = resource(ctx, auth, collection, true);
        String tag = ctx.pathParam("tag");
        if (!store.repositories().tags().remove(id, tag)) {
            throw Neutron.notFound("TagNotFound", "Tag " + Neutron.show(tag) + " could not be found for " + collection + " " + id + ".");
        }
        ctx.status(204);
    }

    private void removeAll(Context ctx, AuthContext auth, String collection) {
        store.repositories().tags().removeAll(resource(ctx, auth, collection, true));
        ctx.status(204);
    }

    private static OpenStackException tooManyTags() {
        return Neutron.badRequest("Invalid input for tags. Reason: more than " + MAX_TAGS + " tags.");
    }

    private static String checked(String tag) {
        if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH || tag.contains(",") || tag.contains("/")) {
            throw Neutron.badRequest("Invalid input for tags. Reason: '" + Neutron.show(tag) + "' is not a valid tag.");
        }
        return tag;
    }

    private static void respondTags(Context ctx, int status, List<String> tags) {
        ObjectNode body = Json.object();
        tags.forEach(body.putArray("tags")::add);
        Responses.json(ctx, status, body);
    }
}
