package io.cascadia.core.routing;

import java.time.Instant;

/**
 * One row of the routing table (DESIGN §2): the copy of a top resource in one site.
 *
 * @param bottomId the id in the site, or null while the create is in flight
 */
public record Routing(String topId, String resourceType, String region, String bottomId, RoutingState state,
                      Instant createdAt, Instant updatedAt) {
}
