package io.cascadia.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.cascadia.core.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Values kept as JSON text in one column (lists and maps that are read and written whole). Empty ones, the common
 * case in list pages, are read without parsing.
 */
public final class JsonText {
    private JsonText() {
    }

    public static String write(Object value) {
        return Json.write(value);
    }

    public static <T> List<T> list(String text, Class<T> type) {
        if (text.equals("[]")) {
            return List.of();
        }
        return read(text, Json.mapper().getTypeFactory().constructCollectionType(List.class, type));
    }

    public static Map<String, String> stringMap(String text) {
        if (text.equals("{}")) {
            return Map.of();
        }
        return read(text, new TypeReference<Map<String, String>>() { });
    }

    private static <T> T read(String text, com.fasterxml.jackson.databind.JavaType type) {
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
