package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /servers/{id}/metadata} and, from microversion 2.26, {@code /servers/{id}/tags}. */
final class ServerMetadataHandlers {
    private final Servers servers;

    ServerMetadataHandlers(Servers servers) {
        this.servers = servers;
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/servers/{id}/metadata", this::list);
        routes.put("/servers/{id}/metadata", (ctx, request) -> change(ctx, request, true));
        routes.post("/servers/{id}/metadata", (ctx, request) -> change(ctx, request, false));
        routes.get("/servers/{id}/metadata/{key}", this::showItem);
        routes.put("/servers/{id}/metadata/{key}", this::setItem);
        routes.delete("/servers/{id}/metadata/{key}", this::deleteItem);
        routes.get("/servers/{id}/tags", this::listTags);
        routes.put("/servers/{id}/tags", this::replaceTags);
        routes.delete("/servers/{id}/tags", this::clearTags);
        routes.get("/servers/{id}/tags/{tag}", this::checkTag);
        routes.put("/servers/{id}/tags/{tag}", this::addTag);
        routes.delete("/servers/{id}/tags/{tag}", this::deleteTag);
    }

    private void list(Context ctx, NovaRequest request) {
        Responses.json(ctx, 200, metadataBody("metadata", servers.visible(request, ctx.pathParam("id")).metadata()));
    }

    private void change(Context ctx, NovaRequest request, boolean replace) {
        Map<String, String> given = NovaSchema.metadata(requiredMetadata(ctx, "metadata"), "metadata");
        Map<String, String> result = servers.changeMetadata(request, ctx.pathParam("id"), given, replace, null);
        Responses.json(ctx, 200, metadataBody("metadata", replace ? given : result));
    }

    private void showItem(Context ctx, NovaRequest request) {
        String key = ctx.pathParam("key");
        String value = servers.visible(request, ctx.pathParam("id")).metadata().get(key);
        if (value == null) {
            throw OpenStackException.notFound("Metadata item was not found");
        }
        Responses.json(ctx, 200, metadataBody("meta", Map.of(key, value)));
    }

    private void setItem(Context ctx, NovaRequest request) {
        String key = ctx.pathParam("key");
        Map<String, String> given = NovaSchema.metadata(requiredMetadata(ctx, "meta"), "meta");
        if (given.size() != 1) {
            throw OpenStackException.badRequest("Request body contains too many items");
        }
        if (!given.containsKey(key)) {
            throw OpenStackException.badRequest("Request body and URI mismatch");
        }
        servers.changeMetadata(request, ctx.pathParam("id"), given, false, null);
        Responses.json(ctx, 200, metadataBody("meta", given));
    }

    private void deleteItem(Context ctx, NovaRequest request) {
        servers.changeMetadata(request, ctx.pathParam("id"), Map.of(), false, ctx.pathParam("key"));
        Responses.noContent(ctx);
    }

    private static ObjectNode requiredMetadata(Context ctx, String key) {
        ObjectNode body = Json.parseObject(ctx.body());
        Fields.requiredObject(body, key);
        return body;
    }

    private static ObjectNode metadataBody(String key, Map<String, String> metadata) {
        ObjectNode body = Json.object();
        ObjectNode items = body.putObject(key);
        new TreeMap<>(metadata).forEach(items::put);
        return body;
    }

    private static void requireTags(NovaRequest request) {
        if (!request.atLeast(26)) {
            throw OpenStackException.notFound("The resource could not be found.");
        }
    }

    private void listTags(Context ctx, NovaRequest request) {
        requireTags(request);
        Responses.json(ctx, 200, tagsBody(servers.visible(request, ctx.pathParam("id")).tags()));
    }

    private void replaceTags(Context ctx, NovaRequest request) {
        requireTags(request);
        List<String> given = Fields.stringList(Json.parseObject(ctx.body()), "tags");
        Responses.json(ctx, 200, tagsBody(servers.changeTags(request, ctx.pathParam("id"), current -> given)));
    }

    private void clearTags(Context ctx, NovaRequest request) {
        requireTags(request);
        servers.changeTags(request, ctx.pathParam("id"), current -> List.of());
        Responses.noContent(ctx);
    }

    private void checkTag(Context ctx, NovaRequest request) {
        requireTags(request);
        String tag = ctx.pathParam("tag");
        String id = ctx.pathParam("id");
        if (!servers.visible(request, id).tags().contains(tag)) {
            throw OpenStackException.notFound("Tag '" + tag + "' could not be found for instance " + id);
        }
        Responses.noContent(ctx);
    }

    private void addTag(Context ctx, NovaRequest request) {
        requireTags(request);
        String tag = ServerTags.check(ctx.pathParam("tag"));
        String id = ctx.pathParam("id");
        boolean existed = servers.visible(request, id).tags().contains(tag);
        servers.changeTags(request, id, current -> {
            if (!current.contains(tag)) {
                current.add(tag);
            }
            return current;
        });
        if (existed) {
            Responses.noContent(ctx);
        } else {
            ctx.header("Location", ComputeLinks.versioned(ctx) + "/servers/" + id + "/tags/" + tag);
            ctx.status(201);
        }
    }

    private void deleteTag(Context ctx, NovaRequest request) {
        requireTags(request);
        String tag = ctx.pathParam("tag");
        String id = ctx.pathParam("id");
        servers.changeTags(request, id, current -> {
            if (!current.remove(tag)) {
                throw OpenStackException.notFound("Tag '" + tag + "' could not be found for instance " + id);
            }
            return current;
        });
        Responses.noContent(ctx);
    }

    private static ObjectNode tagsBody(List<String> tags) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("tags");
        tags.forEach(array::add);
        return body;
    }
}
