package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.List;

/**
 * A Neutron port. {@code deviceUp} says whether its device is plugged (a running server's interface); together
 * with the binding it decides {@code status}, which {@link Ports} keeps current.
 */
record Port(String id, String projectId, String networkId, String name, String description, String macAddress,
            List<FixedIp> fixedIps, String deviceId, String deviceOwner, boolean adminStateUp, PortStatus status,
            PortBinding binding, String vifType, boolean deviceUp, List<String> securityGroupIds,
            List<AddressPair> allowedAddressPairs, boolean portSecurityEnabled, List<String> tags, Instant createdAt,
            Instant updatedAt, int revision) implements Resource, Tagged {

    /** An extra MAC/IP pair the port may send from. */
    record AddressPair(String ipAddress, String macAddress) {
    }

    Port with(String name, String description, List<FixedIp> fixedIps, String deviceId, String deviceOwner,
              boolean adminStateUp, PortBinding binding, List<String> securityGroupIds,
              List<AddressPair> allowedAddressPairs, boolean portSecurityEnabled, Instant now) {
        return new Port(id, projectId, networkId, name, description, macAddress, List.copyOf(fixedIps), deviceId,
                deviceOwner, adminStateUp, status, binding, vifType, deviceUp, List.copyOf(securityGroupIds),
                List.copyOf(allowedAddressPairs), portSecurityEnabled, tags, createdAt, now, revision + 1);
    }

    Port withState(PortStatus status, String vifType, boolean deviceUp, Instant now) {
        return new Port(id, projectId, networkId, name, description, macAddress, fixedIps, deviceId, deviceOwner,
                adminStateUp, status, binding, vifType, deviceUp, securityGroupIds, allowedAddressPairs,
                portSecurityEnabled, tags, createdAt, now, revision + 1);
    }

    /** The same revision with the status and VIF type that follow from it. */
    Port settled(PortStatus status, String vifType) {
        return new Port(id, projectId, networkId, name, description, macAddress, fixedIps, deviceId, deviceOwner,
                adminStateUp, status, binding, vifType, deviceUp, securityGroupIds, allowedAddressPairs,
                portSecurityEnabled, tags, createdAt, updatedAt, revision);
    }

    /** The same revision with no device plugged (part of a change that already counted a revision). */
    Port unplugged() {
        return new Port(id, projectId, networkId, name, description, macAddress, fixedIps, deviceId, deviceOwner,
                adminStateUp, status, binding, vifType, false, securityGroupIds, allowedAddressPairs,
                portSecurityEnabled, tags, createdAt, updatedAt, revision);
    }

    /** The same revision with another MAC (part of a change that already counted a revision). */
    Port withMac(String mac) {
        return new Port(id, projectId, networkId, name, description, mac, fixedIps, deviceId, deviceOwner,
                adminStateUp, status, binding, vifType, deviceUp, securityGroupIds, allowedAddressPairs,
                portSecurityEnabled, tags, createdAt, updatedAt, revision);
    }

    Port withTags(List<String> tags, Instant now) {
        return new Port(id, projectId, networkId, name, description, macAddress, fixedIps, deviceId, deviceOwner,
                adminStateUp, status, binding, vifType, deviceUp, securityGroupIds, allowedAddressPairs,
                portSecurityEnabled, List.copyOf(tags), createdAt, now, revision + 1);
    }
}
