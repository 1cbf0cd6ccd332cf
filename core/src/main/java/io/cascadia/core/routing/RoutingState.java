package io.cascadia.core.routing;

/** Lifecycle of a bottom copy: being created, present, being deleted, or found in a site without a top resource. */
public enum RoutingState {
    CREATING, ACTIVE, DELETING, ORPHANED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
