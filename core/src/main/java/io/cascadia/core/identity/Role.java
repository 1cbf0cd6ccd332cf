package io.cascadia.core.identity;

/** A Keystone role. The roles every deployment has are {@code admin}, {@code member} and {@code reader}. */
public record Role(String id, String name, String description) {
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String READER = "reader";
    /** The role of service users (Cascadia's proxies and the sites' token validation). */
    public static final String SERVICE = "service";
}
