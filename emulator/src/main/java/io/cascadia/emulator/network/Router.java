package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Resource;
import java.time.Instant;
import java.util.List;

/**
 * A Neutron router. Its interfaces are ports owned by it ({@code device_owner network:router_interface}); its
 * external gateway, when set, is a port on an external network.
 */
record Router(String id, String projectId, String name, String description, boolean adminStateUp, Gateway gateway,
              List<Route> routes, boolean distributed, boolean ha, List<String> tags, Instant createdAt,
              Instant updatedAt, int revision) implements Resource, Tagged {

    /** The external gateway: network, SNAT, and the addresses of the gateway port. */
    record Gateway(String networkId, boolean enableSnat, String portId, List<FixedIp> externalFixedIps) {
    }

    /** A static route ({@code routes} attribute, extraroute extension). */
    record Route(String destination, String nexthop) {
    }

    Router with(String name, String description, boolean adminStateUp, Gateway gateway, List<Route> routes,
                boolean distributed, boolean ha, Instant now) {
        return new Router(id, projectId, name, description, adminStateUp, gateway, List.copyOf(routes), distributed, ha,
                tags, createdAt, now, revision + 1);
    }

    Router withTags(List<String> tags, Instant now) {
        return new Router(id, projectId, name, description, adminStateUp, gateway, routes, distributed, ha,
                List.copyOf(tags), createdAt, now, revision + 1);
    }
}
