package io.cascadia.emulator.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct value of the strings that repeat across many records (project and user ids,
 * host names, zones), so a million servers hold a handful of copies rather than a million.
 */
public final class StringPool {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    /** The pooled instance equal to {@code value}; null stays null. */
    public String of(String value) {
        if (value == null) {
            return null;
        }
        String existing = values.putIfAbsent(value, value);
        return existing != null ? existing : value;
    }
}
