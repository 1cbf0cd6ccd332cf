package io.cascadia.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration as kebab-case keys ({@code server.port}, {@code db.url}), read from a properties file and
 * overridden by command-line options. Typed getters fail at start with a message naming the key and the bad value.
 */
public final class Settings {
    private final Map<String, String> values = new TreeMap<>();

    public static Settings empty() {
        return new Settings();
    }

    public static Settings load(Path file) {
        Settings settings = new Settings();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
            properties.forEach((key, value) -> settings.values.put(key.toString().trim(), value.toString().trim()));
        }
        return settings;
    }

    /** Sets a key unless the value is null (an option the user did not give). */
    public Settings with(String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
        return this;
    }

    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got: " + value);
        };
    }

    /** A map written {@code a=b,c=d}; empty when the key is absent. */
    public Map<String, String> map(String key) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return map;
        }
        for (String pair : value.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException(key + " must be written name=name,name=name, got: " + value);
            }
            map.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return map;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("%s must be between %d and %d, got: %s".formatted(key, min, max, value));
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got: " + value, e);
        }
    }

    /** A whole number between {@code min} and {@code max}, as {@link #integer} for larger numbers. */
    public long longInteger(String key, long defaultValue, long min, long max) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("%s must be between %d and %d, got: %s".formatted(key, min, max, value));
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got: " + value, e);
        }
    }

    /** A duration as ISO-8601 ({@code PT1H}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    public Duration duration(String key, Duration defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            if (value.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                return Duration.parse(value);
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            if (e instanceof DateTimeParseException || e instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(key + " must be a duration such as 30s, 5m or PT1H, got: " + value, e);
            }
            throw e;
        }
    }
}
