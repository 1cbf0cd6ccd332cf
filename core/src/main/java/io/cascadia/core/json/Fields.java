package io.cascadia.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of request-body fields that fail the way OpenStack's schema validation fails: a 400 naming the
 * field and the bad value. A field that is present with JSON {@code null} counts as absent unless the caller
 * asks for {@link #isExplicitNull}.
 */
public final class Fields {
    private static final int MAX_SHOWN_VALUE = 64;

    private Fields() {
    }

    public static ObjectNode requiredObject(JsonNode parent, String name) {
        JsonNode value = present(parent, name);
        if (value == null) {
            throw missing(name);
        }
        if (!value.isObject()) {
            throw wrongType(name, value, "object");
        }
        return (ObjectNode) value;
    }

    public static Optional<ObjectNode> optionalObject(JsonNode parent, String name) {
        JsonNode value = present(parent, name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(name, value, "object");
        }
        return Optional.of((ObjectNode) value);
    }

    public static String requiredString(JsonNode parent, String name) {
        return optionalString(parent, name).orElseThrow(() -> missing(name));
    }

    public static Optional<String> optionalString(JsonNode parent, String name) {
        JsonNode value = present(parent, name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(name, value, "string");
        }
        return Optional.of(value.textValue());
    }

    /** A string of 1..maxLength characters with no leading or trailing whitespace requirement. */
    public static String requiredName(JsonNode parent, String name, int maxLength) {
        String value = requiredString(parent, name);
        return checkLength(name, value, 1, maxLength);
    }

    public static String checkLength(String name, String value, int min, int max) {
        if (value.length() < min) {
            throw OpenStackException.badRequest("Invalid input for field '%s': '%s' is too short".formatted(name, show(value)));
        }
        if (value.length() > max) {
            throw OpenStackException.badRequest("Invalid input for field '%s': '%s' is too long (maximum %d characters)"
                    .formatted(name, show(value), max));
        }
        return value;
    }

    public static Optional<Boolean> optionalBoolean(JsonNode parent, String name) {
        JsonNode value = present(parent, name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw wrongType(name, value, "boolean");
        }
        return Optional.of(value.booleanValue());
    }

    public static Optional<Integer> optionalInt(JsonNode parent, String name) {
        JsonNode value = present(parent, name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(name, value, "integer");
        }
        return Optional.of(value.intValue());
    }

    public static Optional<ArrayNode> optionalArray(JsonNode parent, String name) {
        JsonNode value = present(parent, name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw wrongType(name, value, "array");
        }
        return Optional.of((ArrayNode) value);
    }

    public static List<String> stringList(JsonNode parent, String name) {
        Optional<ArrayNode> array = optionalArray(parent, name);
        if (array.isEmpty()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : array.get()) {
            if (!item.isTextual()) {
                throw wrongType(name + "[]", item, "string");
            }
            result.add(item.textValue());
        }
        return List.copyOf(result);
    }

    /** A JSON object of string values, as Nova metadata and Glance properties are. */
    public static Optional<Map<String, String>> optionalStringMap(JsonNode parent, String name) {
        Optional<ObjectNode> object = optionalObject(parent, name);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.get().properties()) {
            if (!entry.getValue().isTextual()) {
                throw wrongType(name + "." + entry.getKey(), entry.getValue(), "string");
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return Optional.of(Map.copyOf(result));
    }

    public static boolean isExplicitNull(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value != null && value.isNull();
    }

    public static OpenStackException missing(String name) {
        return OpenStackException.badRequest("Invalid input for field '%s': '%s' is a required property".formatted(name, name));
    }

    public static OpenStackException wrongType(String name, JsonNode value, String type) {
        return OpenStackException.badRequest("Invalid input for field '%s': %s is not of type '%s'"
                .formatted(name, show(value.toString()), type));
    }

    private static JsonNode present(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** Keeps echoed user input short, so a hostile body cannot grow the error message. */
    static String show(String value) {
        return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "...";
    }
}
