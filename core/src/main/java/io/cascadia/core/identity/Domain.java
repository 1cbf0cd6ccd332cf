package io.cascadia.core.identity;

/** A Keystone domain: the namespace of projects and users. */
public record Domain(String id, String name, String description, boolean enabled) {
    /** The domain every Keystone has, with the id Keystone gives it. */
    public static final String DEFAULT_ID = "default";
}
