package io.cascadia.core.network;

import java.time.Instant;
import java.util.List;

/**
 * A Neutron port with its addresses. MAC and addresses are chosen at the top so every site holding a copy of the
 * port uses the same ones. {@code deviceOwner} tells what uses it ({@code compute:<az>},
 * {@code network:router_interface}, {@code network:router_gateway}, {@code network:floatingip}).
 */
public record Port(String id, String projectId, String networkId, String name, String description, boolean adminStateUp,
                   String status, String macAddress, String deviceId, String deviceOwner, boolean portSecurityEnabled,
                   List<FixedIp> fixedIps, List<String> securityGroupIds, long revisionNumber, Instant createdAt,
                   Instant updatedAt) {
    public Port {
        fixedIps = List.copyOf(fixedIps);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    public Port withAddresses(List<FixedIp> fixedIps, List<String> securityGroupIds) {
        return new Port(id, projectId, networkId, name, description, adminStateUp, status, macAddress, deviceId,
                deviceOwner, portSecurityEnabled, fixedIps, securityGroupIds, revisionNumber, createdAt, updatedAt);
    }
}
