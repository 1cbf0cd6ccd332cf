package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.List;

/** A Neutron network with its one segment; {@code subnetIds} in creation order. */
record Network(String id, String projectId, String name, String description, boolean adminStateUp, boolean shared,
               boolean external, Segment segment, List<String> subnetIds, boolean portSecurityEnabled,
               List<String> availabilityZoneHints, List<String> tags, Instant createdAt, Instant updatedAt,
               int revision) implements Resource, Tagged {

    Network with(String name, String description, boolean adminStateUp, boolean shared, boolean external,
                 boolean portSecurityEnabled, Instant now) {
        return new Network(id, projectId, name, description, adminStateUp, shared, external, segment, subnetIds,
                portSecurityEnabled, availabilityZoneHints, tags, createdAt, now, revision + 1);
    }

    Network withSubnets(List<String> subnetIds, Instant now) {
        return new Network(id, projectId, name, description, adminStateUp, shared, external, segment,
                List.copyOf(subnetIds), portSecurityEnabled, availabilityZoneHints, tags, createdAt, now, revision + 1);
    }

    Network withTags(List<String> tags, Instant now) {
        return new Network(id, projectId, name, description, adminStateUp, shared, external, segment, subnetIds,
                portSecurityEnabled, availabilityZoneHints, List.copyOf(tags), createdAt, now, revision + 1);
    }
}
