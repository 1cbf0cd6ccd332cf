package io.cascadia.core.jobs;

import io.cascadia.core.routing.ResourceKind;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every job the proxies run, with the kind of resource its key names. The stored names are what the jobs table, the
 * admin API and {@code cascadia jobs --type} show; they stay stable across versions so that pending jobs survive an
 * upgrade. Each type has exactly one handler; {@code cascade.CascadeLayer} lists them and refuses to start without one.
 */
public enum JobType {
    /** Chooses the site of a new server (keyed by server id); the stored name predates the split into place and build. */
    SERVER_PLACEMENT("server.create", ResourceKind.SERVER),
    /** Builds a placed server's copy and what it needs in its site. */
    SERVER_BUILD("server.build", ResourceKind.SERVER),
    /** Takes the power action recorded with a server (start, stop, reboot, ...) to its copy. */
    SERVER_ACTION("server.action", ResourceKind.SERVER),
    /** Makes a server copy's name and description match the top's. */
    SERVER_UPDATE("server.update", ResourceKind.SERVER),
    /** Deletes a server's copies and what only it used. */
    SERVER_DELETE("server.delete", ResourceKind.SERVER),
    /**
     * Settles a server in a site that claims a top server but that no routing row maps (keyed {@code <bottom id>@<region>}):
     * adopts it, deletes it, or leaves it alone.
     */
    SERVER_STRAY_COPY("server.stray_copy", ResourceKind.SERVER),
    /** Makes every copy of a flavor match the top's (or deletes them with it). */
    FLAVOR_SYNC("flavor.sync", ResourceKind.FLAVOR),
    /** Deletes the copies of a keypair deleted at the top. */
    KEYPAIR_RELEASE("keypair.delete", ResourceKind.KEYPAIR),
    /** Deletes the copies of an image no server or volume in their site still needs. */
    IMAGE_RELEASE("image.release", ResourceKind.IMAGE),
    /** Chooses the site of a new volume. */
    VOLUME_PLACEMENT("volume.create", ResourceKind.VOLUME),
    /** Creates a placed volume's copy. */
    VOLUME_BUILD("volume.build", ResourceKind.VOLUME),
    /** Makes a volume copy's name, description and size match the top's. */
    VOLUME_UPDATE("volume.update", ResourceKind.VOLUME),
    /** Makes a volume's attachments in its site match the top's. */
    VOLUME_ATTACHMENT("volume.attachment", ResourceKind.VOLUME),
    /** Deletes a volume's copy. */
    VOLUME_DELETE("volume.delete", ResourceKind.VOLUME),
    /** Settles a volume in a site that claims a top volume but that no routing row maps, as for servers. */
    VOLUME_STRAY_COPY("volume.stray_copy", ResourceKind.VOLUME),
    /** Deletes the copies of a volume type deleted at the top. */
    VOLUME_TYPE_RELEASE("volume_type.delete", ResourceKind.VOLUME_TYPE),
    /** Makes one port's remote ports in one site match where the port lives (keyed {@code <port id>@<region>}). */
    REMOTE_PORT("l2.remote_port", ResourceKind.PORT),
    /** Makes one network's remote ports in one site match, in one pass (keyed {@code <network id>@<region>}). */
    REMOTE_PORT_SWEEP("l2.remote_ports", ResourceKind.NETWORK);

    private final String storedName;
    private final ResourceKind kind;

    JobType(String storedName, ResourceKind kind) {
        this.storedName = storedName;
        this.kind = kind;
    }

    public String storedName() {
        return storedName;
    }

    /** The kind of resource a job of this type is keyed by. */
    public ResourceKind kind() {
        return kind;
    }

    /** The type stored as {@code name}, or empty for a name this version does not know. */
    public static Optional<JobType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.storedName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return storedName;
    }
}
