package io.cascadia.core.network;

import java.time.Instant;
import java.util.List;

/**
 * A Neutron router. {@code distributed} selects the cross-site mode: one router per site joined by a bridge network
 * (true) or one central router (false). {@code gateway} is null without an external gateway.
 */
public record Router(String id, String projectId, String name, String description, boolean adminStateUp,
                     boolean distributed, Gateway gateway, List<Route> routes, List<String> availabilityZoneHints,
                     long revisionNumber, Instant createdAt, Instant updatedAt) {
    public Router {
        routes = List.copyOf(routes);
        availabilityZoneHints = List.copyOf(availabilityZoneHints);
    }

    /** The external gateway: the external network, whether SNAT is on, and the gateway port's addresses. */
    public record Gateway(String networkId, boolean enableSnat, String portId) {
    }

    /** A static route: {@code destination} CIDR via {@code nexthop}. */
    public record Route(String destination, String nexthop) {
    }
}
