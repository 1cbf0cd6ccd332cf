package io.cascadia.core.sites;

/**
 * Health of a site. {@code up}: reachable, takes new work. {@code degraded}: stopped answering; its resources keep
 * their last known status, nothing in it is deleted or recreated, its jobs wait. {@code disabled}: an administrator
 * took it out of scheduling; existing resources are still served and reconciled.
 */
public enum SiteState {
    UP, DEGRADED, DISABLED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
