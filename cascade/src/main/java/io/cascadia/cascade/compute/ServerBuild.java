package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.image.BottomImages;
import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.network.BottomNetworks;
import io.cascadia.cascade.network.BottomPorts;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.routing.CopyInProgress;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.ObservedServer;
import io.cascadia.core.compute.Server;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.sites.NovaApi;
import io.cascadia.sites.SiteException;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.compute.ServerObservations;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.image.Images;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeAttachments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.build}, the nova proxy of one site (the seed's "create server" case): get or create in the site the
 * networks, subnets and ports the server needs (ports with the top's IPs and MACs), its flavor, keypair and image
 * (or the site's copy of the volume it boots from), then the server itself ({@code name@<top id>}, metadata {@code cascadia_top_id}, in the site's zone), recording
 * every bottom id in the routing table. Each step adopts what a crashed run already made. The server's status then
 * comes back through the pollers. A site that refuses the server (4xx) puts it in ERROR with the site's message.
 */
public final class ServerBuild implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerBuild.class);
    private static final Duration BUSY_RETRY = Duration.ofMillis(200);

    /** What the build needs besides the sites: the top's records and the makers of bottom copies. */
    public record Dependencies(Servers servers, ServerObservations observations, NetworkRepositories network,
                               Keypairs keypairs, Images images, VolumeAttachments attachments, RoutingTable routing,
                               SiteRegistry sites, BottomCopies copies, BottomNetworks networks, BottomPorts ports,
                               BottomFlavors flavors, BottomKeypairs bottomKeypairs, BottomImages bottomImages, Clock clock) {
    }

    /** The volume a server boots from, as its site knows it. */
    private record RootVolume(String bottomId, boolean deleteOnTermination) {
    }

    private final Dependencies d;

    public ServerBuild(Dependencies dependencies) {
        this.d = requireNonNull(dependencies, "dependencies is null");
    }

    @Override
    public JobType type() {
        return JobType.SERVER_BUILD;
    }

    @Override
    public Result run(Job job) {
        String region = job.region();
        Server server = d.servers().find(job.resourceId()).orElse(null);
        if (server == null || "deleting".equals(server.taskState())) {
            return Result.done();
        }
        try {
            build(server, region, job.updatedAt());
            return Result.done();
        } catch (CopyInProgress busy) {
            return Result.retryAfter(BUSY_RETRY, busy.getMessage());
        } catch (SiteException.Rejected rejected) {
            if (rejected.isTransient()) {
                throw rejected;
            }
            LOG.warn("site {} refused server {}: {}", region, server.id(), rejected.faultMessage());
            d.observations().fail(server.id(), new ObservedServer.Fault(500,
                    "Site " + region + " refused the server: " + rejected.faultMessage(), null,
                    d.clock().instant().truncatedTo(ChronoUnit.MICROS)), d.clock().instant().truncatedTo(ChronoUnit.MICROS));
            return Result.done();
        }
    }

    /** A build that failed on every attempt leaves the server in ERROR with the last error as its fault. */
    @Override
    public void gaveUp(Job job, String error) {
        Instant now = d.clock().instant().truncatedTo(ChronoUnit.MICROS);
        d.servers().find(job.resourceId()).filter(s -> "BUILD".equals(s.status())).ifPresent(server ->
                d.observations().fail(server.id(), new ObservedServer.Fault(500,
                        "Build of instance " + server.id() + " failed in site " + job.region() + ": " + error, null, now), now));
    }

    private void build(Server server, String region, Instant claimedAt) {
        List<String> bottomPorts = new ArrayList<>();
        for (Port port : d.network().ports().listForServers(List.of(server.id()))) {
            Network network = d.network().networks().find(port.networkId())
                    .orElseThrow(() -> new IllegalStateException("network " + port.networkId() + " of port " + port.id() + " is gone"));
            BottomNetworks.Placed placed = d.networks().ensure(network, region);
            bottomPorts.add(d.ports().ensure(port, region, placed, claimedAt));
        }
        String flavor = d.flavors().ensure(server.flavor(), region);
        String image = server.imageId() == null ? null : d.images().find(server.imageId())
                .map(i -> d.bottomImages().ensure(i, region, server.projectId()))
                .orElseThrow(() -> new IllegalStateException("image " + server.imageId() + " of server " + server.id() + " is gone"));
        RootVolume root = server.imageId() != null ? null : rootVolume(server, region);
        String keyName = server.keyName() == null ? null : d.keypairs().find(server.userId(), server.keyName())
                .map(k -> d.bottomKeypairs().ensure(k, region, server.projectId()))
                .orElse(null);
        String zone = siteZone(server, region);
        NovaApi nova = d.sites().client(region).nova(server.projectId());
        String name = BottomNames.of(server.name(), server.id());
        d.copies().ensureOwned(server.id(), ResourceKind.SERVER, region, new BottomCopies.Recipe(
                id -> nova.server(id).isPresent(),
                () -> nova.serversNamed(name, false).stream().map(SiteResources::server)
                        .filter(found -> Ownership.isCopyOf(found, server.id(), server.projectId()))
                        .map(Ownership.SiteResource::id).findFirst(),
                () -> nova.createServer(body(server, name, flavor, image, root, keyName, zone, bottomPorts)).path("id").asText()),
                claimedAt);
    }

    /** The site's copy of the volume a server boots from; it is in the server's site, which was chosen for it. */
    private RootVolume rootVolume(Server server, String region) {
        VolumeAttachment attachment = d.attachments().forServers(List.of(server.id())).getOrDefault(server.id(), List.of())
                .stream().filter(VolumeAttachment::isRoot).findFirst()
                .orElseThrow(() -> new IllegalStateException("server " + server.id() + " has neither image nor root volume"));
        String bottomId = d.routing().find(attachment.volumeId(), ResourceKind.VOLUME, region)
                .map(Routing::bottomId)
                .orElseThrow(() -> new IllegalStateException("root volume " + attachment.volumeId() + " of server " + server.id()
                        + " has no copy in " + region));
        return new RootVolume(bottomId, attachment.deleteOnTermination());
    }

    private String siteZone(Server server, String region) {
        return d.sites().list().stream()
                .filter(site -> site.region().equals(region))
                .flatMap(site -> site.zones().stream())
                .filter(z -> server.availabilityZone() == null || z.topName().equals(server.availabilityZone()))
                .map(AvailabilityZone::siteName)
                .findFirst()
                .orElse(null);
    }

    private static ObjectNode body(Server server, String name, String flavor, String image, RootVolume root, String keyName,
                                   String zone, List<String> ports) {
        ObjectNode body = Json.object().put("name", name).put("flavorRef", flavor);
        if (image != null) {
            body.put("imageRef", image);
        }
        if (root != null) {
            body.putArray("block_device_mapping_v2").addObject()
                    .put("boot_index", 0)
                    .put("uuid", root.bottomId())
                    .put("source_type", "volume")
                    .put("destination_type", "volume")
                    .put("delete_on_termination", root.deleteOnTermination());
        }
        if (keyName != null) {
            body.put("key_name", keyName);
        }
        if (zone != null) {
            body.put("availability_zone", zone);
        }
        ArrayNode networks = body.putArray("networks");
        ports.forEach(port -> networks.addObject().put("port", port));
        if (ports.isEmpty()) {
            body.put("networks", "none");
        }
        ObjectNode metadata = body.putObject("metadata");
        for (Map.Entry<String, String> entry : server.metadata().entrySet()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        metadata.put(BottomNames.TOP_ID_KEY, server.id());
        return body;
    }
}
