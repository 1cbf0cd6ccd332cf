package io.cascadia.core.volume;

import java.time.Instant;
import java.util.Map;

/**
 * A Cinder volume. It is recorded at the top in {@code creating} until a site's proxy makes it real;
 * {@code availabilityZone} is null until then when the create asked for no zone.
 */
public record Volume(String id, String projectId, String userId, String name, String description, int sizeGb,
                     String status, String volumeTypeName, String availabilityZone, boolean bootable,
                     String sourceVolumeId, String snapshotId, String imageId, boolean multiattach,
                     Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
    public Volume {
        metadata = Map.copyOf(metadata);
    }
}
