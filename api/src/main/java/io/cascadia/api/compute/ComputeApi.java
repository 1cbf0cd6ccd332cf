package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.api.network.NetworkApi;
import io.cascadia.core.json.Json;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.compute.Flavors;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.network.Networks;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.store.quota.QuotaLocks;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.store.volume.VolumeAttachments;
import io.cascadia.store.volume.VolumeObservations;
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
import java.time.Duration;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Nova v2.1 at {@code /compute}. Microversions run from 2.1 to a maximum read on every request from the supplier
 * given at wiring (the lowest maximum of the registered sites; {@link #DEFAULT_MAX} without one).
 */
public final class ComputeApi implements ApiModule {
    public static final ApiVersion MIN = ApiVersion.of(2, 1);
    public static final ApiVersion DEFAULT_MAX = ApiVersion.of(2, 79);
    private static final String UPDATED = "2013-07-23T11:33:21Z";

    private final Microversions microversions;
    private final ServerHandlers servers;
    private final FlavorHandlers flavors;
    private final KeypairHandlers keypairs;
    private final VolumeAttachmentHandlers volumeAttachments;
    private final ZoneHandlers zones;
    private final LimitHandlers limits;

    /**
     * The wiring of the compute API over the top database.
     *
     * @param listQueryTimeout how long one page of a server list may run before it is cancelled
     */
    public record Dependencies(Jdbi jdbi, boolean postgres, NetworkApi network, SiteZones zones, JobQueue jobs,
                               QuotaLimits quotaLimits, Clock clock, Duration listQueryTimeout) {
        /** With the default list query timeout. */
        public Dependencies(Jdbi jdbi, boolean postgres, NetworkApi network, SiteZones zones, JobQueue jobs,
                            QuotaLimits quotaLimits, Clock clock) {
            this(jdbi, postgres, network, zones, jobs, quotaLimits, clock, DatabaseConfig.DEFAULT_LIST_QUERY_TIMEOUT);
        }
    }

    public ComputeApi(Dependencies d, Supplier<ApiVersion> maxVersion) {
        this.microversions = new Microversions("compute", "X-OpenStack-Nova-API-Version", MIN, maxVersion);
        Servers serverRows = new Servers(d.jdbi(), d.postgres(), d.listQueryTimeout());
        Flavors flavorRows = new Flavors(d.jdbi());
        Keypairs keypairRows = new Keypairs(d.jdbi());
        ComputeQuotas quotas = new ComputeQuotas(d.quotaLimits(), new QuotaLocks(d.jdbi()), serverRows, keypairRows);
        VolumeAttachments attachmentRows = new VolumeAttachments(d.jdbi());
        VolumeReservations reservations = new VolumeReservations(new Volumes(d.jdbi()), attachmentRows,
                new VolumeObservations(d.jdbi()), new RoutingTable(d.jdbi()), d.jobs(), d.clock());
        ServerService service = new ServerService(d.jdbi(), serverRows, flavorRows, keypairRows, new Images(d.jdbi()),
                new Networks(d.jdbi()), d.zones(), d.jobs(), d.network().ports(), d.network().securityGroups(), quotas,
                new BootVolumes(reservations), d.clock());
        this.servers = new ServerHandlers(serverRows, service, d.network().ports(), quotas, attachmentRows,
                new ServerLifecycle(d.jdbi(), serverRows, new RoutingTable(d.jdbi()), d.jobs(), d.clock()), new ServerObservations(d.jdbi()),
                d.clock());
        this.volumeAttachments = new VolumeAttachmentHandlers(d.jdbi(), serverRows, attachmentRows, reservations, d.zones());
        this.flavors = new FlavorHandlers(flavorRows, d.jdbi(), d.jobs(), d.clock());
        this.keypairs = new KeypairHandlers(keypairRows, quotas, d.jdbi(), d.jobs(), d.clock());
        this.zones = new ZoneHandlers(d.zones());
        this.limits = new LimitHandlers(quotas, d.quotaLimits(), serverRows, keypairRows);
    }

    @Override
    public Service service() {
        return Service.COMPUTE;
    }

    @Override
    public String prefix() {
        return "/compute";
    }

    @Override
    public void register(Router router) {
        router.getPublic("", ctx -> {
            ObjectNode body = Json.object();
            body.putArray("versions").add(version(ctx));
            Responses.json(ctx, 200, body);
        });
        router.getPublic("/v2.1", ctx -> Responses.json(ctx, 200, Json.object().set("version", version(ctx))));
        VersionedRoutes<ComputeContext> routes = new VersionedRoutes<>(router, "/v2.1", microversions, ComputeContext::of);
        servers.register(routes);
        volumeAttachments.register(routes);
        flavors.register(routes);
        keypairs.register(routes);
        zones.register(routes);
        limits.register(routes);
    }

    private ObjectNode version(Context ctx) {
        ObjectNode version = Json.object()
                .put("id", "v2.1")
                .put("status", "CURRENT")
                .put("version", microversions.max().toString())
                .put("min_version", MIN.toString())
                .put("updated", UPDATED);
        var links = version.putArray("links");
        links.addObject().put("rel", "self").put("href", ctx.scheme() + "://" + ctx.host() + "/compute/v2.1/");
        links.addObject().put("rel", "describedby").put("type", "text/html").put("href", "http://docs.openstack.org/");
        version.putArray("media-types").addObject()
                .put("base", "application/json")
                .put("type", "application/vnd.openstack.compute+json;version=2.1");
        return version;
    }
}
