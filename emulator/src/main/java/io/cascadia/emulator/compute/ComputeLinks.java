package io.cascadia.emulator.compute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cascadia.core.json.Json;
import io.javalin.http.Context;
import java.io.IOException;

/** Nova's {@code self} and {@code bookmark} links, pointing at the host the caller used. */
final class ComputeLinks {
    private ComputeLinks() {
    }

    static ArrayNode of(Context ctx, String collection, String id) {
        ArrayNode links = Json.mapper().createArrayNode();
        links.addObject().put("rel", "self").put("href", versioned(ctx) + "/" + collection + "/" + id);
        links.addObject().put("rel", "bookmark").put("href", bookmark(ctx, collection, id));
        return links;
    }

    static void write(JsonGenerator g, Context ctx, String collection, String id) throws IOException {
        g.writeStartArray();
        link(g, "self", versioned(ctx) + "/" + collection + "/" + id);
        link(g, "bookmark", bookmark(ctx, collection, id));
        g.writeEndArray();
    }

    static void writeBookmark(JsonGenerator g, Context ctx, String collection, String id) throws IOException {
        g.writeStartArray();
        link(g, "bookmark", bookmark(ctx, collection, id));
        g.writeEndArray();
    }

    private static void link(JsonGenerator g, String rel, String href) throws IOException {
        g.writeStartObject();
        g.writeStringField("rel", rel);
        g.writeStringField("href", href);
        g.writeEndObject();
    }

    /** {@code http://host/compute/v2.1} */
    static String versioned(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + "/compute/v2.1";
    }

    private static String bookmark(Context ctx, String collection, String id) {
        return ctx.scheme() + "://" + ctx.host() + "/compute/" + collection + "/" + id;
    }
}
