package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;

/** {@code /os-availability-zone}; the detail (administrators) lists each zone's nova-compute hosts and the internal zone. */
final class AvailabilityZoneHandlers {
    private final ComputeHosts hosts;

    AvailabilityZoneHandlers(ComputeHosts hosts) {
        this.hosts = hosts;
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/os-availability-zone", this::list);
        routes.get("/os-availability-zone/detail", this::detail);
    }

    private void list(Context ctx, NovaRequest request) {
        ObjectNode body = Json.object();
        ArrayNode zones = body.putArray("availabilityZoneInfo");
        for (String zone : hosts.zones()) {
            ObjectNode item = zones.addObject().put("zoneName", zone);
            item.putObject("zoneState").put("available", true);
            item.putNull("hosts");
        }
        Responses.json(ctx, 200, body);
    }

    private void detail(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-availability-zone:detail");
        ObjectNode body = Json.object();
        ArrayNode zones = body.putArray("availabilityZoneInfo");
        ObjectNode internal = zones.addObject();
        ObjectNode internalHosts = internal.putObject("hosts");
        service(internalHosts.putObject("conductor"), "nova-conductor");
        service(internalHosts.putObject("scheduler"), "nova-scheduler");
        internal.put("zoneName", "internal").putObject("zoneState").put("available", true);
        for (String zone : hosts.zones()) {
            ObjectNode item = zones.addObject();
            ObjectNode zoneHosts = item.putObject("hosts");
            for (ComputeHosts.Usage usage : hosts.all()) {
                if (usage.host.availabilityZone().equals(zone)) {
                    service(zoneHosts.putObject(usage.host.name()), "nova-compute");
                }
            }
            item.put("zoneName", zone).putObject("zoneState").put("available", true);
        }
        Responses.json(ctx, 200, body);
    }

    private static void service(ObjectNode host, String binary) {
        host.putObject(binary).put("active", true).put("available", true).putNull("updated_at");
    }
}
