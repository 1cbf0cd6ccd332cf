package io.cascadia.emulator.runtime;

import static java.util.Objects.requireNonNull;

/**
 * One emulated hypervisor host of a site: it runs nova-compute and an L2 agent whose VXLAN tunnel endpoint is
 * {@code tunnelIp}. Tunnel IPs are data only; nothing is sent to them.
 *
 * @param index 1-based position of the host in the site, also Nova's integer hypervisor id before microversion 2.53
 * @param uuid the hypervisor id from microversion 2.53 on
 * @param serviceUuid the id of the host's nova-compute service
 * @param agentId the id of the host's L2 agent
 */
public record Host(int index, String name, String availabilityZone, String tunnelIp, String uuid, String serviceUuid,
                   String agentId, HostCapacity capacity) {
    public Host {
        requireNonNull(name, "name is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        requireNonNull(tunnelIp, "tunnelIp is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(serviceUuid, "serviceUuid is null");
        requireNonNull(agentId, "agentId is null");
        requireNonNull(capacity, "capacity is null");
    }
}
