package io.cascadia.emulator.image;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Glance image. Its data, once uploaded, is held in {@code data} (never mutated) with its MD5
 * {@code checksum} and SHA-512 {@code hashValue}; before that those are null and the status is {@code queued}.
 *
 * @param owner the owning project, or null for the site's own images
 */
public record Image(String id, String name, String status, String visibility, boolean protectedImage, boolean hidden,
                    String owner, String containerFormat, String diskFormat, int minDisk, int minRam, List<String> tags,
                    Map<String, String> properties, byte[] data, String checksum, String hashValue, Instant createdAt,
                    Instant updatedAt) implements Resource {
    public static final String ACTIVE = "active";
    public static final String QUEUED = "queued";

    @Override
    public String projectId() {
        return owner == null ? "" : owner;
    }

    Image with(String name, String visibility, boolean protectedImage, boolean hidden, String containerFormat,
               String diskFormat, int minDisk, int minRam, List<String> tags, Map<String, String> properties, Instant now) {
        return new Image(id, name, status, visibility, protectedImage, hidden, owner, containerFormat, diskFormat, minDisk,
                minRam, List.copyOf(tags), Map.copyOf(properties), data, checksum, hashValue, createdAt, now);
    }

    Image withData(byte[] data, String checksum, String hashValue, Instant now) {
        return new Image(id, name, ACTIVE, visibility, protectedImage, hidden, owner, containerFormat, diskFormat, minDisk,
                minRam, tags, properties, data, checksum, hashValue, createdAt, now);
    }
}
