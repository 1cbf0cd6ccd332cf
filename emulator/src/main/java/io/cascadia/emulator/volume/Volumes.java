package io.cascadia.emulator.volume;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.emulator.image.Image;
import io.cascadia.emulator.runtime.CreationOrder;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.emulator.runtime.ResourceTable;
import io.cascadia.emulator.runtime.StringPool;
import io.cascadia.emulator.runtime.Transitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The site's volumes and their state machine: a new volume is {@code creating} for the build latency, then
 * {@code available} (or {@code error} when the fault plan fails the create); attaching and detaching take the
 * action latency, through {@code attaching} and {@code detaching}. Nova drives attachments through the public
 * methods. Changes are serialized; reads are not.
 */
public final class Volumes {
    private static final String NOT_DELETABLE = "Invalid volume: Volume status must be available or error or "
            + "error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a "
            + "group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.";

    final ResourceTable<CreationOrder, Volume> table = new ResourceTable<>(CreationOrder::of);
    private final StringPool strings = new StringPool();
    private final Clock clock;
    private final Transitions transitions;
    private final FaultPlan faults;
    private final Duration buildLatency;
    private final Duration actionLatency;

    private final VolumeTypes types;

    public Volumes(VolumeTypes types, Clock clock, Transitions transitions, FaultPlan faults, Duration buildLatency,
                   Duration actionLatency) {
        this.types = types;
        this.clock = clock;
        this.transitions = transitions;
        this.faults = faults;
        this.buildLatency = buildLatency;
        this.actionLatency = actionLatency;
    }

    VolumeTypes types() {
        return types;
    }

    public Optional<Volume> find(String id) {
        return table.find(id);
    }

    /** Creates a volume in {@code creating}; it becomes {@code available} (or {@code error}) after the build latency. */
    public Volume create(String projectId, String userId, String name, String description, int size, String zone,
                         String typeId, Map<String, String> imageMetadata, Map<String, String> metadata) {
        Instant now = clock.instant();
        Volume volume = new Volume(Ids.uuid(), strings.of(projectId), strings.of(userId), name, description, size,
                Volume.CREATING, strings.of(zone), typeId, Map.copyOf(imageMetadata), Map.copyOf(metadata), null, now, now);
        table.put(volume);
        boolean fails = faults.nextCreateFails();
        transitions.after(buildLatency, () -> change(volume.id(), current -> current.status().equals(Volume.CREATING)
                ? current.withStatus(fails ? Volume.ERROR : Volume.AVAILABLE, null, clock.instant())
                : current));
        return table.find(volume.id()).orElse(volume);
    }

    /**
     * Reserves an available volume of the project for a server ({@code attaching}).
     *
     * @throws OpenStackException 404 when the project has no such volume, 400 when it is not available
     */
    public Volume reserve(String projectId, boolean admin, String volumeId) {
        synchronized (this) {
            Volume volume = table.find(volumeId)
                    .filter(v -> admin || v.projectId().equals(projectId))
                    .orElseThrow(() -> OpenStackException.notFound("Volume " + volumeId + " could not be found."));
            if (!volume.status().equals(Volume.AVAILABLE)) {
                throw OpenStackException.badRequest("Invalid volume: volume " + volumeId + " status must be 'available'. Currently in '"
                        + volume.status() + "'");
            }
            Volume reserved = volume.withStatus(Volume.ATTACHING, null, clock.instant());
            table.put(reserved);
            return reserved;
        }
    }

    /**
     * Creates a volume for a server being built (from an image or blank), reserved for it at once ({@code
     * attaching}), as Nova's boot from volume makes one.
     */
    public Volume createReserved(String projectId, String userId, int size, String zone, Map<String, String> imageMetadata) {
        Instant now = clock.instant();
        Volume volume = new Volume(Ids.uuid(), strings.of(projectId), strings.of(userId), "", "", size, Volume.ATTACHING,
                strings.of(zone), types.defaultType().id(), Map.copyOf(imageMetadata), Map.of(), null, now, now);
        table.put(volume);
        return volume;
    }

    /**
     * Finishes an attachment: {@code in-use}, attached to the server at the device, after the action latency or
     * at once when {@code now}.
     */
    public void attach(String volumeId, String serverId, String device, String host, boolean now) {
        transitions.after(now ? Duration.ZERO : actionLatency, () -> change(volumeId, current -> current.status().equals(Volume.ATTACHING)
                ? current.withStatus(Volume.IN_USE, new Volume.Attachment(Ids.uuid(), serverId, device, host,
                        clock.instant()), clock.instant())
                : current));
    }

    /** Detaches: {@code detaching}, then {@code available} after the action latency; immediately when {@code now}. */
    public void detach(String volumeId, boolean now) {
        change(volumeId, current -> current.withStatus(Volume.DETACHING, current.attachment(), clock.instant()));
        transitions.after(now ? Duration.ZERO : actionLatency, () -> change(volumeId,
                current -> current.withStatus(Volume.AVAILABLE, null, clock.instant())));
    }

    /** Deletes a volume that is available or in error; 400 otherwise, as Cinder answers. */
    public void delete(String volumeId) {
        synchronized (this) {
            Volume volume = table.find(volumeId).orElseThrow(() -> notFound(volumeId));
            if (!volume.status().equals(Volume.AVAILABLE) && !volume.status().equals(Volume.ERROR)) {
                throw OpenStackException.badRequest(NOT_DELETABLE);
            }
            table.remove(volumeId);
        }
    }

    /** Applies a change to a volume that still exists; no-op otherwise. */
    synchronized void change(String volumeId, UnaryOperator<Volume> change) {
        table.find(volumeId).ifPresent(volume -> {
            Volume changed = change.apply(volume);
            if (changed != volume) {
                table.put(changed);
            }
        });
    }

    /** What Cinder records of the image a volume is made from ({@code volume_image_metadata}). */
    public static Map<String, String> imageMetadata(Image image) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("image_id", image.id());
        metadata.put("image_name", image.name() == null ? "" : image.name());
        metadata.put("checksum", image.checksum() == null ? "" : image.checksum());
        metadata.put("container_format", image.containerFormat() == null ? "" : image.containerFormat());
        metadata.put("disk_format", image.diskFormat() == null ? "" : image.diskFormat());
        metadata.put("min_disk", Integer.toString(image.minDisk()));
        metadata.put("min_ram", Integer.toString(image.minRam()));
        metadata.put("size", Integer.toString(image.data() == null ? 0 : image.data().length));
        return metadata;
    }

    Instant now() {
        return clock.instant();
    }

    static OpenStackException notFound(String id) {
        return OpenStackException.notFound("Volume " + id + " could not be found.");
    }
}
