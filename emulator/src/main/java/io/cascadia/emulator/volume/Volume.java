package io.cascadia.emulator.volume;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.Map;

/**
 * A Cinder volume; attached to at most one server at a time (no multiattach).
 *
 * @param typeId the id of its volume type
 * @param imageMetadata what Cinder records of the image the volume was made from ({@code volume_image_metadata});
 *                      empty when it was not made from an image. A volume made from an image is bootable.
 * @param attachment the current attachment, or null
 */
public record Volume(String id, String projectId, String userId, String name, String description, int size,
                     String status, String availabilityZone, String typeId, Map<String, String> imageMetadata,
                     Map<String, String> metadata, Attachment attachment, Instant createdAt, Instant updatedAt) implements Resource {

    /** Where a volume is attached. */
    public record Attachment(String id, String serverId, String device, String hostName, Instant attachedAt) {
    }

    public static final String CREATING = "creating";
    public static final String AVAILABLE = "available";
    public static final String ATTACHING = "attaching";
    public static final String IN_USE = "in-use";
    public static final String DETACHING = "detaching";
    public static final String ERROR = "error";

    public boolean bootable() {
        return !imageMetadata.isEmpty();
    }

    Volume withStatus(String status, Attachment attachment, Instant now) {
        return new Volume(id, projectId, userId, name, description, size, status, availabilityZone, typeId, imageMetadata,
                metadata, attachment, createdAt, now);
    }

    Volume with(String name, String description, Map<String, String> metadata, int size, Instant now) {
        return new Volume(id, projectId, userId, name, description, size, status, availabilityZone, typeId, imageMetadata,
                Map.copyOf(metadata), attachment, createdAt, now);
    }
}
