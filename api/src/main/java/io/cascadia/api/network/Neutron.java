package io.cascadia.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Neutron's request conventions and fault types: the wrapped body of a request, attribute validation that answers
 * as neutron-lib's validators do, and the typed faults clients match on.
 */
final class Neutron {
    private static final int MAX_SHOWN = 64;

    private Neutron() {
    }

    /**
     * The object under {@code key} of the body, refusing attributes the resource does not have.
     */
    static ObjectNode body(Context ctx, String key, Set<String> allowed) {
        ObjectNode body = Json.parseObject(ctx.body());
        JsonNode resource = body.get(key);
        if (resource == null) {
            throw badRequest("Resource body required");
        }
        if (!resource.isObject()) {
            throw badRequest("Invalid input for operation: Invalid format: " + show(resource.toString()) + ".");
        }
        Set<String> unknown = new TreeSet<>();
        resource.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw badRequest("Unrecognized attribute(s) '" + show(String.join(", ", unknown)) + "'");
        }
        return (ObjectNode) resource;
    }

    static String string(JsonNode body, String name, String fallback, int maxLength) {
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw invalid(name, "'" + show(value.toString()) + "' is not a valid string");
        }
        if (value.textValue().length() > maxLength) {
            throw invalid(name, "'" + show(value.textValue()) + "' exceeds maximum length of " + maxLength);
        }
        return value.textValue();
    }

    /** A string attribute that may be JSON null (for example a subnet's {@code gateway_ip}). */
    static String nullableString(JsonNode body, String name, String fallback, int maxLength) {
        JsonNode value = body.get(name);
        if (value != null && value.isNull()) {
            return null;
        }
        return string(body, name, fallback, maxLength);
    }

    static boolean bool(JsonNode body, String name, boolean fallback) {
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return parseBoolean(name, value.textValue());
        }
        throw invalid(name, "'" + show(value.toString()) + "' cannot be converted to boolean");
    }

    static Integer integer(JsonNode body, String name, Integer fallback, int min, int max) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return value == null ? fallback : null;
        }
        int number;
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            number = value.intValue();
        } else if (value.isTextual() && value.textValue().matches("-?\\d{1,9}")) {
            number = Integer.parseInt(value.textValue());
        } else {
            throw invalid(name, "'" + show(value.toString()) + "' is not an integer");
        }
        if (number < min || number > max) {
            throw invalid(name, "'" + number + "' is not in range " + min + " through " + max);
        }
        return number;
    }

    static List<String> strings(JsonNode body, String name, int maxLength) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(name, "'" + show(value.toString()) + "' is not a list");
        }
        List<String> items = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().length() > maxLength) {
                throw invalid(name, "'" + show(item.toString()) + "' is not a valid string");
            }
            items.add(item.textValue());
        }
        if (new java.util.HashSet<>(items).size() != items.size()) {
            throw invalid(name, "Duplicate items in the list: '" + show(String.join(", ", items)) + "'");
        }
        return List.copyOf(items);
    }

    static List<JsonNode> objects(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(name, "'" + show(value.toString()) + "' is not a list");
        }
        List<JsonNode> items = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw invalid(name, "'" + show(item.toString()) + "' is not a dictionary");
            }
            items.add(item);
        }
        return items;
    }

    static boolean parseBoolean(String name, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1" -> true;
            case "false", "f", "no", "n", "off", "0" -> false;
            default -> throw invalid(name, "'" + show(text) + "' cannot be converted to boolean");
        };
    }

    /** Neutron's validation failure: {@code Invalid input for <attribute>. Reason: <why>.} */
    static OpenStackException invalid(String attribute, String reason) {
        return badRequest("Invalid input for " + attribute + ". Reason: " + reason + ".");
    }

    static OpenStackException badRequest(String message) {
        return new OpenStackException(ErrorKind.BAD_REQUEST, "HTTPBadRequest", message);
    }

    static OpenStackException invalidInput(String message) {
        return new OpenStackException(ErrorKind.BAD_REQUEST, "InvalidInput", "Invalid input for operation: " + message + ".");
    }

    static OpenStackException notFound(String type, String message) {
        return new OpenStackException(ErrorKind.NOT_FOUND, type, message);
    }

    static OpenStackException conflict(String type, String message) {
        return new OpenStackException(ErrorKind.CONFLICT, type, message);
    }

    static OpenStackException policy(String rule) {
        return new OpenStackException(ErrorKind.FORBIDDEN, "PolicyNotAuthorized",
                "(rule:" + rule + ") is disallowed by policy");
    }

    static OpenStackException overQuota(String resource) {
        return conflict("OverQuota", "Quota exceeded for resources: ['" + resource + "'].");
    }

    static OpenStackException networkNotFound(String id) {
        return notFound("NetworkNotFound", "Network " + show(id) + " could not be found.");
    }

    static OpenStackException subnetNotFound(String id) {
        return notFound("SubnetNotFound", "Subnet " + show(id) + " could not be found.");
    }

    static OpenStackException portNotFound(String id) {
        return notFound("PortNotFound", "Port " + show(id) + " could not be found.");
    }

    static OpenStackException routerNotFound(String id) {
        return notFound("RouterNotFound", "Router " + show(id) + " could not be found.");
    }

    static OpenStackException securityGroupNotFound(String id) {
        return notFound("SecurityGroupNotFound", "Security group " + show(id) + " does not exist");
    }

    static OpenStackException floatingIpNotFound(String id) {
        return notFound("FloatingIPNotFound", "Floating IP " + show(id) + " could not be found");
    }

    /** Echoed input is cut short, so a hostile value cannot grow the error body. */
    static String show(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
