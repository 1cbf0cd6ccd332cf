package io.cascadia.core.network;

import java.time.Instant;

/** A Neutron security group. Each project has one named {@code default}, made on first use. */
public record SecurityGroup(String id, String projectId, String name, String description, boolean stateful,
                            long revisionNumber, Instant createdAt, Instant updatedAt) {
    public static final String DEFAULT_NAME = "default";
}
