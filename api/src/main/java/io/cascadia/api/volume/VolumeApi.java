package io.cascadia.api.volume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.store.volume.VolumeTypes;
import io.cascadia.store.volume.Volumes;
import io.cascadia.web.ApiModule;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.Microversions;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/** Cinder v3 at {@code /volume}: version documents at the root and at {@code /v3}, the API under {@code /v3/{project}}. */
public final class VolumeApi implements ApiModule {
    public static final ApiVersion MIN = ApiVersion.of(3, 0);
    public static final ApiVersion MAX = ApiVersion.of(3, 64);
    private static final String UPDATED = "2023-01-01T00:00:00Z";

    private final Microversions microversions = new Microversions("volume", null, MIN, MAX);
    private final Volumes volumes;
    private final SiteZones zones;
    private final VolumeHandlers volumeHandlers;
    private final VolumeTypeHandlers typeHandlers;

    public VolumeApi(Jdbi jdbi, SiteZones zones, JobQueue jobs, Clock clock) {
        this.volumes = new Volumes(jdbi);
        this.zones = zones;
        VolumeTypes types = new VolumeTypes(jdbi);
        this.volumeHandlers = new VolumeHandlers(jdbi, volumes, types, new Images(jdbi), zones, jobs, clock);
        this.typeHandlers = new VolumeTypeHandlers(types, volumes, jdbi, jobs);
    }

    @Override
    public Service service() {
        return Service.VOLUME;
    }

    @Override
    public String prefix() {
        return "/volume";
    }

    @Override
    public void register(Router router) {
        router.getPublic("", ctx -> Responses.json(ctx, 300, versions(ctx)));
        router.getPublic("/v3", ctx -> Responses.json(ctx, 200, versions(ctx)));
        VersionedRoutes<VolumeContext> routes = new VersionedRoutes<>(router, "/v3/{project}", microversions, VolumeContext::of);
        volumeHandlers.register(routes);
        typeHandlers.register(routes);
        routes.get("/limits", this::limits);
        routes.get("/os-availability-zone", this::zones);
    }

    private ObjectNode versions(Context ctx) {
        ObjectNode body = Json.object();
        ObjectNode version = body.putArray("versions").addObject()
                .put("id", "v3.0")
                .put("status", "CURRENT")
                .put("version", MAX.toString())
                .put("min_version", MIN.toString())
                .put("updated", UPDATED);
        version.putArray("links").addObject().put("href", ctx.scheme() + "://" + ctx.host() + "/volume/v3/").put("rel", "self");
        version.putArray("media-types").addObject().put("base", "application/json")
                .put("type", "application/vnd.openstack.volume+json;version=3");
        return body;
    }

    private void limits(Context ctx, VolumeContext c) {
        long[] usage = volumes.usage(c.project());
        ObjectNode body = Json.object();
        ObjectNode limits = body.putObject("limits");
        limits.putArray("rate");
        limits.putObject("absolute")
                .put("totalSnapshotsUsed", 0)
                .put("maxTotalBackups", 10)
                .put("maxTotalVolumeGigabytes", VolumeHandlers.MAX_GIGABYTES)
                .put("maxTotalSnapshots", 10)
                .put("maxTotalBackupGigabytes", 1000)
                .put("totalBackupGigabytesUsed", 0)
                .put("maxTotalVolumes", VolumeHandlers.MAX_VOLUMES)
                .put("totalVolumesUsed", usage[0])
                .put("totalBackupsUsed", 0)
                .put("totalGigabytesUsed", usage[1]);
        Responses.json(ctx, 200, body);
    }

    private void zones(Context ctx, VolumeContext c) {
        Set<String> names = new TreeSet<>();
        zones.list().forEach(z -> names.add(z.topName()));
        Set<String> available = new TreeSet<>();
        zones.listAvailable().forEach(z -> available.add(z.topName()));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("availabilityZoneInfo");
        for (String name : names) {
            array.addObject().put("zoneName", name).putObject("zoneState").put("available", available.contains(name));
        }
        Responses.json(ctx, 200, body);
    }
}
