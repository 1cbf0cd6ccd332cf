package io.cascadia.web;

/** One service's routes, mounted under a path prefix of the server (for example Nova under {@code /compute}). */
public interface ApiModule {
    Service service();

    /** The mount point, without a trailing slash; empty for the root. */
    String prefix();

    void register(Router router);

    /** Whether a request path belongs to this module, which decides the fault format of errors on it. */
    default boolean owns(String path) {
        String prefix = prefix();
        return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
