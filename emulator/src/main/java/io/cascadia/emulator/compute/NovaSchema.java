package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Fields;
import java.util.Map;
import java.util.Optional;

/**
 * Nova's request-schema checks and their messages: "Invalid input for field/attribute {field}. Value: {value}.
 * {reason}". Echoed values are shortened, so a hostile body cannot grow an error.
 */
final class NovaSchema {
    private NovaSchema() {
    }

    static OpenStackException invalid(String field, String value, String reason) {
        return OpenStackException.badRequest("Invalid input for field/attribute " + field + ". Value: " + shorten(value)
                + ". " + shorten(reason));
    }

    static OpenStackException required(String parent, String field) {
        return OpenStackException.badRequest("Invalid input for field/attribute " + parent + ". Value: {...}. '"
                + field + "' is a required property");
    }

    /** A server or metadata name: 1..255 characters, no leading or trailing whitespace. */
    static String name(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw required("server", field);
        }
        if (!value.isTextual()) {
            throw invalid(field, value.toString(), value + " is not of type 'string'");
        }
        String text = value.textValue();
        if (text.isEmpty()) {
            throw invalid(field, text, "'' is too short");
        }
        if (text.length() > 255) {
            throw invalid(field, text, "'" + text + "' is too long");
        }
        if (!text.strip().equals(text)) {
            throw invalid(field, text, "'" + text + "' does not match '^(?! )[\\S ]+(?<! )$'");
        }
        return text;
    }

    static Optional<String> stringOrInteger(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual() && !value.textValue().isEmpty()) {
            return Optional.of(value.textValue());
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.asText());
        }
        throw invalid(field, value.toString(), value + " is not of type 'string', 'integer'");
    }

    static Optional<Integer> optionalInt(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return Optional.of(value.intValue());
        }
        if (value.isTextual() && value.textValue().matches("-?\\d{1,9}")) {
            return Optional.of(Integer.parseInt(value.textValue()));
        }
        throw invalid(field, value.toString(), value + " is not of type 'integer', 'string'");
    }

    static int positiveInt(ObjectNode body, String field, int fallback) {
        int value = optionalInt(body, field).orElse(fallback);
        if (value < 1) {
            throw invalid(field, Integer.toString(value), value + " is less than the minimum of 1");
        }
        return value;
    }

    /** Server metadata: string keys of 1..255 characters and string values up to 255. */
    static Map<String, String> metadata(ObjectNode body, String field) {
        Map<String, String> metadata = Fields.optionalStringMap(body, field).orElse(Map.of());
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey().isEmpty() || entry.getKey().length() > 255) {
                throw invalid(field, entry.getKey(), "'" + entry.getKey() + "' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'");
            }
            if (entry.getValue().length() > 255) {
                throw invalid(field + "." + entry.getKey(), entry.getValue(), "is too long");
            }
        }
        return metadata;
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
