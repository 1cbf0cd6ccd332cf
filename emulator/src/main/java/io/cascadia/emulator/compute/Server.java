package io.cascadia.emulator.compute;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Nova server: fixed build facts in {@code spec}, its life in {@code state}, and what users change (name,
 * description, metadata, tags, attached volumes). Immutable; every change is a new record with a new
 * {@code updatedAt}, which is what {@code changes-since} polls.
 *
 * @param portIds the server's ports in interface order
 */
record Server(String id, String projectId, String userId, String name, String description, ServerSpec spec,
              ServerState state, List<String> portIds, List<VolumeAttachment> volumes, Map<String, String> metadata,
              List<String> tags, String accessIPv4, String accessIPv6, Instant createdAt, Instant updatedAt)
        implements Resource {

    Server withState(ServerState state, Instant now) {
        return new Server(id, projectId, userId, name, description, spec, state, portIds, volumes, metadata, tags,
                accessIPv4, accessIPv6, createdAt, now);
    }

    Server withDetails(String name, String description, String accessIPv4, String accessIPv6, Instant now) {
        return new Server(id, projectId, userId, name, description, spec, state, portIds, volumes, metadata, tags,
                accessIPv4, accessIPv6, createdAt, now);
    }

    Server withMetadata(Map<String, String> metadata, Instant now) {
        return new Server(id, projectId, userId, name, description, spec, state, portIds, volumes, Map.copyOf(metadata),
                tags, accessIPv4, accessIPv6, createdAt, now);
    }

    Server withTags(List<String> tags, Instant now) {
        return new Server(id, projectId, userId, name, description, spec, state, portIds, volumes, metadata,
                List.copyOf(tags), accessIPv4, accessIPv6, createdAt, now);
    }

    Server withVolumes(List<VolumeAttachment> volumes, Instant now) {
        return new Server(id, projectId, userId, name, description, spec, state, portIds, List.copyOf(volumes), metadata,
                tags, accessIPv4, accessIPv6, createdAt, now);
    }
}
