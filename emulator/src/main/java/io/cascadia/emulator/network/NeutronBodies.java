package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading Neutron request bodies the way Neutron's API layer does: the resource under its singular key, only
 * known attributes, and the attribute converters (booleans as JSON or as "true"/"false", lists of strings).
 */
final class NeutronBodies {
    private NeutronBodies() {
    }

    /**
     * The object under {@code key} ({@code {"network": {...}}}), holding only {@code allowed} attributes.
     *
     * @throws io.cascadia.core.error.OpenStackException 400 when the body is not JSON, lacks the key, or has
     *         unknown attributes
     */
    static ObjectNode resource(Context ctx, String key, Set<String> allowed) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw NeutronErrors.badRequest("Resource body required");
        }
        ObjectNode body = Json.parseObject(text);
        JsonNode resource = body.get(key);
        if (resource == null || !resource.isObject()) {
            throw NeutronErrors.badRequest("Unable to find '" + key + "' in request body");
        }
        checkAttributes((ObjectNode) resource, allowed);
        return (ObjectNode) resource;
    }

    /**
     * The objects of a bulk request ({@code {"ports": [{...}, ...]}}), each holding only {@code allowed} attributes;
     * empty when the body has no such list (a single-resource request).
     *
     * @throws io.cascadia.core.error.OpenStackException 400 when the body is not JSON, the list is empty or holds
     *         something other than objects, or an object has unknown attributes
     */
    static Optional<List<ObjectNode>> resourceList(Context ctx, String collection, Set<String> allowed) {
        String text = ctx.body();
        if (text.isBlank()) {
            return Optional.empty();
        }
        JsonNode items = Json.parseObject(text).get(collection);
        if (items == null) {
            return Optional.empty();
        }
        if (!items.isArray() || items.isEmpty()) {
            throw NeutronErrors.badRequest("Resources required");
        }
        List<ObjectNode> list = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw NeutronErrors.badRequest("Resources required");
            }
            checkAttributes((ObjectNode) item, allowed);
            list.add((ObjectNode) item);
        }
        return Optional.of(List.copyOf(list));
    }

    static void checkAttributes(ObjectNode resource, Set<String> allowed) {
        Set<String> unknown = new TreeSet<>();
        resource.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw NeutronErrors.badRequest("Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
        }
    }

    static Optional<String> string(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw NeutronErrors.invalidAttribute(name, "'" + shorten(value.toString()) + "' is not a valid string");
        }
        return Optional.of(value.textValue());
    }

    /** A string that may be JSON null (which the caller reads as "unset"); empty when absent. */
    static Optional<Optional<String>> nullableString(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return Optional.of(Optional.empty());
        }
        return Optional.of(string(body, name));
    }

    static Optional<String> limitedString(ObjectNode body, String name, int max) {
        Optional<String> value = string(body, name);
        value.ifPresent(text -> {
            if (text.length() > max) {
                throw NeutronErrors.invalidAttribute(name, "'" + shorten(text) + "' exceeds maximum length of " + max);
            }
        });
        return value;
    }

    static Optional<Boolean> bool(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(value.textValue()));
        }
        throw NeutronErrors.invalidAttribute(name, "'" + shorten(value.toString()) + "' cannot be converted to boolean");
    }

    static Optional<Integer> integer(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return Optional.of(value.intValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Integer.parseInt(value.textValue().trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw NeutronErrors.invalidAttribute(name, "'" + shorten(value.toString()) + "' is not an integer");
    }

    static Optional<List<String>> stringList(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return Optional.of(List.of());
        }
        if (!value.isArray()) {
            throw NeutronErrors.invalidAttribute(name, "'" + shorten(value.toString()) + "' is not a list");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw NeutronErrors.invalidAttribute(name, "'" + shorten(item.toString()) + "' is not a valid string");
            }
            result.add(item.textValue());
        }
        if (result.stream().distinct().count() != result.size()) {
            throw NeutronErrors.invalidAttribute(name, "Duplicate items in the list: '" + String.join(", ", result) + "'");
        }
        return Optional.of(List.copyOf(result));
    }

    static Optional<List<ObjectNode>> objectList(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return Optional.of(List.of());
        }
        if (!value.isArray()) {
            throw NeutronErrors.invalidAttribute(name, "'" + shorten(value.toString()) + "' is not a list");
        }
        List<ObjectNode> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw NeutronErrors.invalidAttribute(name, "'" + shorten(item.toString()) + "' is not a dictionary");
            }
            result.add((ObjectNode) item);
        }
        return Optional.of(result);
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
