package io.cascadia.core.identity;

/** A Keystone user. {@code passwordHash} is a KDF hash, never the password; it is kept out of {@link #toString()}. */
public record User(String id, String domainId, String name, String passwordHash, boolean enabled,
                   String defaultProjectId, String email, String description) {
    @Override
    public String toString() {
        return "User[id=" + id + ", domainId=" + domainId + ", name=" + name + ", enabled=" + enabled + "]";
    }
}
