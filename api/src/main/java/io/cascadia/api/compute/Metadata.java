package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Server metadata as Nova validates it: keys of 1..255 characters, string values of at most 255. */
final class Metadata {
    private Metadata() {
    }

    /** The metadata object under {@code name}; empty when absent. */
    static Map<String, String> read(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw Nova.invalid(name, value, "is not of type 'object'");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey();
            if (key.isEmpty() || key.length() > 255) {
                throw Nova.invalid(name, value, "does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'");
            }
            JsonNode item = entry.getValue();
            if (!item.isTextual()) {
                throw Nova.invalid(name + "." + Nova.show(key), item, "is not of type 'string'");
            }
            if (item.textValue().length() > 255) {
                throw Nova.invalid(name + "." + Nova.show(key), item, "is too long");
            }
            metadata.put(key, item.textValue());
        }
        return metadata;
    }
}
