package io.cascadia.core.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Glance image. {@code status} goes queued → saving → active as data is uploaded. {@code checksum} is the MD5
 * of the data and {@code hashValue} its SHA-512 ({@code os_hash_algo}); both are null until data is uploaded.
 * {@code properties} are the free-form additional properties Glance shows as top-level fields.
 */
public record Image(String id, String ownerProjectId, String name, String status, String visibility, boolean isProtected,
                    String diskFormat, String containerFormat, int minDisk, int minRam, Long sizeBytes, String checksum,
                    String hashAlgo, String hashValue, List<String> tags, Map<String, String> properties,
                    Instant createdAt, Instant updatedAt) {
    public Image {
        tags = List.copyOf(tags);
        properties = Map.copyOf(properties);
    }
}
