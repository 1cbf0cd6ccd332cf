package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;

/**
 * Where a port is bound ({@code binding:host_id}) and the caller's binding profile. A profile with
 * {@code tunnel_ip} binds the port to that remote VXLAN endpoint: that is how cross-site L2 announces a port living
 * in another site (DESIGN §4). The profile node is never mutated after construction.
 *
 * @param hostId the host, or "" when unbound
 */
record PortBinding(String hostId, ObjectNode profile, String vnicType) {
    static final String TUNNEL_IP = "tunnel_ip";
    static final PortBinding UNBOUND = new PortBinding("", Json.object(), "normal");

    boolean isBound() {
        return !hostId.isEmpty();
    }

    /** The remote VTEP named by the profile, or null. */
    String remoteTunnelIp() {
        String ip = profile.path(TUNNEL_IP).asText("");
        return ip.isEmpty() ? null : ip;
    }
}
