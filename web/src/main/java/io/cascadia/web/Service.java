package io.cascadia.web;

/**
 * The OpenStack service a path belongs to. It decides the shape of fault bodies, because clients parse errors the
 * way the real service writes them.
 */
public enum Service {
    IDENTITY("identity"),
    COMPUTE("compute"),
    NETWORK("network"),
    VOLUME("volume"),
    IMAGE("image"),
    ADMIN("admin"),
    PLATFORM("platform");

    private final String label;

    Service(String label) {
        this.label = label;
    }

    /** The value of the {@code service} tag on metrics. */
    public String label() {
        return label;
    }
}
