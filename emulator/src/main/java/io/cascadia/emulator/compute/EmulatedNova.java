package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.image.Images;
import io.cascadia.emulator.network.Ports;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.emulator.runtime.Host;
import io.cascadia.emulator.runtime.Transitions;
import io.cascadia.emulator.volume.Volumes;
import io.cascadia.web.ApiModule;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Microversions;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The site's Nova v2.1 under {@code /compute}, microversions 2.1 to 2.79. */
public final class EmulatedNova implements ApiModule {
    static final ApiVersion MIN = ApiVersion.of(2, 1);
    static final ApiVersion MAX = ApiVersion.of(2, 79);
    private static final String UPDATED = "2013-07-23T11:33:21Z";

    private final Microversions microversions = new Microversions("compute", "X-OpenStack-Nova-API-Version", MIN, MAX);
    private final ServerTable table;
    private final Servers servers;
    private final Images images;
    private final ServerHandlers serverHandlers;
    private final ServerMetadataHandlers metadataHandlers;
    private final VolumeAttachmentHandlers attachmentHandlers;
    private final FlavorHandlers flavorHandlers;
    private final KeypairHandlers keypairHandlers;
    private final HypervisorHandlers hypervisorHandlers;
    private final AvailabilityZoneHandlers zoneHandlers;
    private final QuotaHandlers quotaHandlers;
    private final ServiceHandlers serviceHandlers;

    /**
     * @param region the site's region, which names its controller host
     * @param buildLatency how long servers stay in BUILD
     * @param actionLatency how long stop, start, reboot and volume attachments take
     * @param deletedRetention how long deleted servers stay visible to {@code changes-since}
     */
    public EmulatedNova(String region, List<Host> hosts, Duration buildLatency, Duration actionLatency, Duration deletedRetention,
                        Ports ports, Volumes volumes, Images images, FaultPlan faults, Transitions transitions, Clock clock) {
        this.table = new ServerTable(deletedRetention);
        this.images = images;
        ComputeHosts computeHosts = new ComputeHosts(hosts);
        Flavors flavors = new Flavors();
        Keypairs keypairs = new Keypairs();
        ComputeQuotas quotas = new ComputeQuotas();
        ServerStateMachine machine = new ServerStateMachine(table, transitions, ports, volumes, computeHosts, buildLatency,
                actionLatency, clock);
        this.servers = new Servers(table, machine, flavors, keypairs, computeHosts, quotas, ports, volumes, images, faults);
        ServerViews views = new ServerViews(ports);
        this.serverHandlers = new ServerHandlers(table, servers, machine, views, ports);
        this.metadataHandlers = new ServerMetadataHandlers(servers);
        this.attachmentHandlers = new VolumeAttachmentHandlers(servers);
        this.flavorHandlers = new FlavorHandlers(flavors);
        this.keypairHandlers = new KeypairHandlers(keypairs, clock);
        this.hypervisorHandlers = new HypervisorHandlers(computeHosts);
        this.zoneHandlers = new AvailabilityZoneHandlers(computeHosts);
        this.quotaHandlers = new QuotaHandlers(quotas);
        this.serviceHandlers = new ServiceHandlers(computeHosts, clock, region);
    }

    /** How many servers the site holds (not counting deleted ones). */
    /** The image every emulated site starts with, which in-JVM bulk creates boot. */
    public String defaultImageId() {
        return images.defaultImage().id();
    }

    public int serverCount() {
        return table.live.size();
    }

    /**
     * Creates servers exactly as {@code POST /servers} does, checks included, but without HTTP or a token: the
     * bulk path benchmarks use to fill sites. Each server boots the site's default image and gets a port on the
     * network; names are {@code <prefix>-1..count}.
     *
     * @return the ids of the new servers
     */
    public List<String> createServers(String projectId, String userId, String namePrefix, String flavorId,
                                      String networkId, int count) {
        AuthContext caller = new AuthContext("in-jvm", userId, userId, "default", projectId, projectId, "default", null,
                List.of("member", "reader"), Instant.MAX);
        ServerCreateRequest request = new ServerCreateRequest(namePrefix, images.defaultImage().id(), flavorId,
                new ServerCreateRequest.Explicit(List.of(new ServerCreateRequest.Interface(networkId, null, null, null))),
                null, null, null, Map.of(), List.of(), List.of(), count, count, false, null, null, null, false, null,
                List.of(), false, null);
        return servers.create(new NovaRequest(caller, MAX), request).servers().stream().map(Server::id).toList();
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
        router.getPublic("/", ctx -> {
            ObjectNode body = Json.object();
            body.putArray("versions").add(version(ctx, false));
            Responses.json(ctx, 200, body);
        });
        router.getPublic("/v2.1", ctx -> Responses.json(ctx, 200, Json.object().set("version", version(ctx, true))));
        VersionedRoutes<NovaRequest> routes = new VersionedRoutes<>(router, "/v2.1", microversions, (ctx, auth, version) -> new NovaRequest(auth, version));
        serverHandlers.register(routes);
        metadataHandlers.register(routes);
        attachmentHandlers.register(routes);
        flavorHandlers.register(routes);
        keypairHandlers.register(routes);
        hypervisorHandlers.register(routes);
        zoneHandlers.register(routes);
        quotaHandlers.register(routes);
        serviceHandlers.register(routes);
    }

    private static ObjectNode version(Context ctx, boolean full) {
        ObjectNode version = Json.object()
                .put("id", "v2.1")
                .put("status", "CURRENT")
                .put("version", MAX.toString())
                .put("min_version", MIN.toString())
                .put("updated", UPDATED);
        ArrayNode links = version.putArray("links");
        links.addObject().put("rel", "self").put("href", ctx.scheme() + "://" + ctx.host() + "/compute/v2.1/");
        if (full) {
            links.addObject().put("rel", "describedby").put("type", "text/html").put("href", "http://docs.openstack.org/");
            version.putArray("media-types").addObject()
                    .put("base", "application/json")
                    .put("type", "application/vnd.openstack.compute+json;version=2.1");
        }
        return version;
    }
}
