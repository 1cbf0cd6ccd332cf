package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.Host;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * {@code GET /os-services} (administrators): nova-conductor and nova-scheduler in the internal zone and a
 * nova-compute per host, all up; integer ids before microversion 2.53, UUIDs from it.
 */
final class ServiceHandlers {
    private final ComputeHosts hosts;
    private final Clock clock;
    private final String controllerHost;

    ServiceHandlers(ComputeHosts hosts, Clock clock, String region) {
        this.hosts = hosts;
        this.clock = clock;
        this.controllerHost = region + "-controller";
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/os-services", this::list);
    }

    private void list(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-services:list");
        String binary = ctx.queryParam("binary");
        String host = ctx.queryParam("host");
        ObjectNode body = Json.object();
        ArrayNode services = body.putArray("services");
        int index = 0;
        for (String controllerBinary : new String[] {"nova-conductor", "nova-scheduler"}) {
            index++;
            add(services, request, binary, host, index, controllerBinary, controllerHost, "internal");
        }
        for (ComputeHosts.Usage usage : hosts.all()) {
            Host compute = usage.host;
            index++;
            add(services, request, binary, host, index, "nova-compute", compute.name(), compute.availabilityZone());
        }
        Responses.json(ctx, 200, body);
    }

    private void add(ArrayNode services, NovaRequest request, String binaryFilter, String hostFilter, int index,
                     String binary, String host, String zone) {
        if ((binaryFilter != null && !binaryFilter.equals(binary)) || (hostFilter != null && !hostFilter.equals(host))) {
            return;
        }
        ObjectNode service = services.addObject();
        if (request.atLeast(53)) {
            service.put("id", UUID.nameUUIDFromBytes((binary + ":" + host).getBytes(StandardCharsets.UTF_8)).toString());
        } else {
            service.put("id", index);
        }
        service.put("binary", binary)
                .putNull("disabled_reason")
                .put("host", host)
                .put("state", "up")
                .put("status", "enabled")
                .put("updated_at", KeypairHandlers.NAIVE_MICROS.format(clock.instant()))
                .put("zone", zone);
        if (request.atLeast(11)) {
            service.put("forced_down", false);
        }
    }
}
