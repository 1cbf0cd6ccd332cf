package io.cascadia.core.routing;

/**
 * The kinds of top resource that have copies in sites or jobs of their own, by the name the routing table, the jobs
 * table and the admin API store and show.
 */
public enum ResourceKind {
    SERVER("server"),
    VOLUME("volume"),
    VOLUME_TYPE("volume_type"),
    NETWORK("network"),
    SUBNET("subnet"),
    PORT("port"),
    REMOTE_PORT("remote_port"),
    KEYPAIR("keypair"),
    FLAVOR("flavor"),
    IMAGE("image");

    private final String storedName;

    ResourceKind(String storedName) {
        this.storedName = storedName;
    }

    /** The name in the database and the admin API, e.g. {@code volume_type}. */
    public String storedName() {
        return storedName;
    }

    @Override
    public String toString() {
        return storedName;
    }
}
