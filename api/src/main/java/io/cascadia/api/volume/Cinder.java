package io.cascadia.api.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Cinder's request validation, which fails with the messages of its JSON schemas, and its common faults. */
final class Cinder {
    private Cinder() {
    }

    static ObjectNode body(Context ctx, String key, Set<String> allowed) {
        ObjectNode body = Json.parseObject(ctx.body());
        JsonNode resource = body.get(key);
        if (resource == null || !resource.isObject()) {
            throw OpenStackException.badRequest("Invalid input for field/attribute " + key + ". Value: "
                    + show(body.toString()) + ". '" + key + "' is a required property");
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

    static String string(JsonNode body, String name, int max) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name, value, "is not of type 'string', 'null'");
        }
        if (value.textValue().length() > max) {
            throw invalid(name, value, "is too long");
        }
        return value.textValue();
    }

    static Integer integer(JsonNode body, String name, int min) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        long number;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isTextual() && value.textValue().trim().matches("-?\\d{1,10}")) {
            number = Long.parseLong(value.textValue().trim());
        } else {
            throw invalid(name, value, "is not of type 'integer', 'string', 'null'");
        }
        if (number < min || number > Integer.MAX_VALUE) {
            throw invalid(name, value, "is less than the minimum of " + min);
        }
        return (int) number;
    }

    static Boolean bool(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && value.textValue().matches("(?i)true|false|1|0|yes|no|on|off")) {
            return value.textValue().matches("(?i)true|1|yes|on");
        }
        throw invalid(name, value, "is not of type 'boolean'");
    }

    static Map<String, String> metadata(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw invalid(name, value, "is not of type 'object'");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (entry.getKey().isEmpty() || entry.getKey().length() > 255 || !entry.getValue().isTextual()
                    || entry.getValue().textValue().length() > 255) {
                throw invalid(name, value, "has an invalid item " + show(entry.getKey()));
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
        return metadata;
    }

    static OpenStackException invalid(String name, JsonNode value, String reason) {
        String shown = show(value.toString());
        return OpenStackException.badRequest("Invalid input for field/attribute " + name + ". Value: " + shown + ". "
                + shown + " " + reason);
    }

    static OpenStackException policy(String rule) {
        return new OpenStackException(ErrorKind.FORBIDDEN, "Policy doesn't allow " + rule + " to be performed.");
    }

    static String show(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
