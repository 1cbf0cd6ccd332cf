package io.cascadia.api.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Supplier;

/** Reading identity requests: the wrapped resource of a body, boolean query filters, lookups that 404. */
final class Requests {
    private Requests() {
    }

    /** The object under {@code key} of a JSON body such as {@code {"project": {...}}}. */
    static ObjectNode resource(Context ctx, String key) {
        return Fields.requiredObject(Json.parseObject(ctx.body()), key);
    }

    static Boolean booleanQuery(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on", "" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw OpenStackException.badRequest("Invalid value for '%s': expected a boolean".formatted(name));
        };
    }

    static <T> T found(Optional<T> value, String kind, String id) {
        return value.orElseThrow(notFound(kind, id));
    }

    static Supplier<OpenStackException> notFound(String kind, String id) {
        return () -> OpenStackException.notFound("Could not find " + kind + ": " + id + ".");
    }

    static OpenStackException duplicate(String kind, String detail) {
        return OpenStackException.conflict(
                "Conflict occurred attempting to store " + kind + " - Duplicate entry found with " + detail + ".");
    }
}
