package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.List;

/** A security group; its rules are stored apart, by group. */
record SecurityGroup(String id, String projectId, String name, String description, boolean stateful,
                     List<String> tags, Instant createdAt, Instant updatedAt, int revision) implements Resource, Tagged {
    static final String DEFAULT_NAME = "default";

    SecurityGroup with(String name, String description, boolean stateful, Instant now) {
        return new SecurityGroup(id, projectId, name, description, stateful, tags, createdAt, now, revision + 1);
    }

    SecurityGroup withTags(List<String> tags, Instant now) {
        return new SecurityGroup(id, projectId, name, description, stateful, List.copyOf(tags), createdAt, now,
                revision + 1);
    }
}
