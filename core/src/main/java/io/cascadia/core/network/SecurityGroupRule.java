package io.cascadia.core.network;

import java.time.Instant;

/**
 * A rule of a security group. Null {@code protocol}, ports, {@code remoteIpPrefix} or {@code remoteGroupId} mean
 * "any", as Neutron renders them.
 */
public record SecurityGroupRule(String id, String projectId, String securityGroupId, String direction, String ethertype,
                                String protocol, Integer portRangeMin, Integer portRangeMax, String remoteIpPrefix,
                                String remoteGroupId, String description, long revisionNumber, Instant createdAt,
                                Instant updatedAt) {
}
