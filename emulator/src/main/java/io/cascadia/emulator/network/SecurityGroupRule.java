package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.Objects;

/** One rule of a security group; null fields mean "any". */
record SecurityGroupRule(String id, String projectId, String securityGroupId, String direction, String ethertype,
                         String protocol, Integer portRangeMin, Integer portRangeMax, String remoteIpPrefix,
                         String remoteGroupId, String description, Instant createdAt, Instant updatedAt, int revision)
        implements Resource {

    /** Whether two rules allow the same traffic, which Neutron refuses as a duplicate. */
    boolean sameTrafficAs(SecurityGroupRule other) {
        return securityGroupId.equals(other.securityGroupId) && direction.equals(other.direction)
                && ethertype.equals(other.ethertype) && Objects.equals(protocol, other.protocol)
                && Objects.equals(portRangeMin, other.portRangeMin)
                && Objects.equals(portRangeMax, other.portRangeMax)
                && Objects.equals(remoteIpPrefix, other.remoteIpPrefix)
                && Objects.equals(remoteGroupId, other.remoteGroupId);
    }
}
