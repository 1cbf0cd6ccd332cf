package io.cascadia.core.network;

import java.time.Instant;

/**
 * A floating IP: an address of an external network, optionally associated with a port's fixed address through a
 * router. {@code portId}, {@code fixedIpAddress} and {@code routerId} are null while it is not associated.
 */
public record FloatingIp(String id, String projectId, String floatingNetworkId, String floatingIpAddress,
                         String floatingPortId, String portId, String fixedIpAddress, String routerId, String status,
                         String description, long revisionNumber, Instant createdAt, Instant updatedAt) {
}
