package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /os-availability-zone}: the zones of the registered sites, as the top names them. A zone is available while
 * one of its sites is up. With no site registered the list is empty, and a create naming a zone fails.
 */
final class ZoneHandlers {
    private final SiteZones zones;

    ZoneHandlers(SiteZones zones) {
        this.zones = zones;
    }

    void register(VersionedRoutes<ComputeContext> routes) {
        routes.get("/os-availability-zone", (ctx, c) -> list(ctx, c, false));
        routes.get("/os-availability-zone/detail", (ctx, c) -> {
            FlavorHandlers.requireAdmin(c, "os_compute_api:os-availability-zone:detail");
            list(ctx, c, true);
        });
    }

    private void list(Context ctx, ComputeContext c, boolean detail) {
        Set<String> all = new TreeSet<>();
        zones.list().forEach(z -> all.add(z.topName()));
        Set<String> available = new TreeSet<>();
        zones.listAvailable().forEach(z -> available.add(z.topName()));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("availabilityZoneInfo");
        for (String name : all) {
            ObjectNode zone = array.addObject().put("zoneName", name);
            zone.putObject("zoneState").put("available", available.contains(name));
            if (detail) {
                ObjectNode hosts = zone.putObject("hosts");
                for (AvailabilityZone site : zones.list()) {
                    if (site.topName().equals(name)) {
                        hosts.putObject(site.region()).putObject("nova-compute")
                                .put("available", available.contains(name)).put("active", true).putNull("updated_at");
                    }
                }
            } else {
                zone.putNull("hosts");
            }
        }
        Responses.json(ctx, 200, body);
    }
}
