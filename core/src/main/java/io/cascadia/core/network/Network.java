package io.cascadia.core.network;

import java.time.Instant;
import java.util.List;

/**
 * A Neutron network. {@code external} is {@code router:external}: floating IPs and router gateways come from
 * external networks.
 */
public record Network(String id, String projectId, String name, String description, boolean adminStateUp,
                      boolean shared, boolean external, int mtu, boolean portSecurityEnabled,
                      List<String> availabilityZoneHints, long revisionNumber, Instant createdAt, Instant updatedAt) {
    public Network {
        availabilityZoneHints = List.copyOf(availabilityZoneHints);
    }
}
