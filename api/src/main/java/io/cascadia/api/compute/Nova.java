package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.javalin.http.Context;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nova's request conventions: bodies validated the way its JSON schemas fail ({@code Invalid input for field/attribute
 * <name>. Value: <value>. <reason>}), and the messages of its common faults.
 */
final class Nova {
    private static final int MAX_SHOWN = 64;

    private Nova() {
    }

    /** The object under {@code key}, refusing properties the schema does not allow. */
    static ObjectNode body(Context ctx, String key, Set<String> allowed) {
        ObjectNode body = Json.parseObject(ctx.body());
        JsonNode resource = body.get(key);
        if (resource == null) {
            throw OpenStackException.badRequest("Invalid input for field/attribute " + key + ". Value: "
                    + show(body.toString()) + ". '" + key + "' is a required property");
        }
        if (!resource.isObject()) {
            throw invalid(key, resource, "is not of type 'object'");
        }
        Set<String> unknown = new TreeSet<>();
        resource.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add("'" + name + "'");
            }
        });
        if (!unknown.isEmpty()) {
            throw OpenStackException.badRequest("Invalid input for field/attribute " + key + ". Value: " + show(resource.toString())
                    + ". Additional properties are not allowed (" + show(String.join(", ", unknown))
                    + (unknown.size() == 1 ? " was" : " were") + " unexpected)");
        }
        return (ObjectNode) resource;
    }

    static String string(JsonNode body, String name, int min, int max) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name, value, "is not of type 'string'");
        }
        String text = value.textValue();
        if (text.length() < min) {
            throw invalid(name, value, "is too short");
        }
        if (text.length() > max) {
            throw invalid(name, value, "is too long");
        }
        return text;
    }

    /** A string that may also be JSON null (such as {@code description}). */
    static String nullableString(JsonNode body, String name, int max) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : string(body, name, 0, max);
    }

    /** A Nova name: 1..255 characters without leading or trailing whitespace. */
    static String name(JsonNode body, String name) {
        String text = string(body, name, 1, 255);
        if (text != null && (text.isBlank() || !text.strip().equals(text))) {
            throw invalid(name, body.get(name), "does not match '^(?! )[\\\\x20-\\\\x7E]*[^ ]$'");
        }
        return text;
    }

    static Integer integer(JsonNode body, String name, int min, int max) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        long number;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isTextual() && value.textValue().trim().matches("-?\\d{1,10}")) {
            number = Long.parseLong(value.textValue().trim());
        } else {
            throw invalid(name, value, "is not of type 'integer', 'string'");
        }
        if (number < min) {
            throw invalid(name, value, "is less than the minimum of " + min);
        }
        if (number > max) {
            throw invalid(name, value, "is greater than the maximum of " + max);
        }
        return (int) number;
    }

    static Boolean bool(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            switch (value.textValue().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes", "on" -> {
                    return true;
                }
                case "false", "0", "no", "off" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw invalid(name, value, "is not of type 'boolean', 'string'");
    }

    static OpenStackException invalid(String name, JsonNode value, String reason) {
        String shown = show(value.toString());
        return OpenStackException.badRequest("Invalid input for field/attribute " + name + ". Value: " + shown + ". "
                + shown + " " + reason);
    }

    static OpenStackException notFound(String message) {
        return OpenStackException.notFound(message);
    }

    static OpenStackException serverNotFound(String id) {
        return OpenStackException.notFound("Instance " + show(id) + " could not be found.");
    }

    /** Nova's default-policy refusal. */
    static OpenStackException policy(String rule) {
        return new OpenStackException(ErrorKind.FORBIDDEN, "Policy doesn't allow " + rule + " to be performed.");
    }

    static String show(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
