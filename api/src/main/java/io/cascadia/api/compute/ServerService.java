package io.cascadia.api.compute;

import io.cascadia.api.compute.ServerCreateRequest.NetworkRequest;
import io.cascadia.api.image.ImageVisibility;
import io.cascadia.api.network.PortService;
import io.cascadia.api.network.SecurityGroupService;
import io.cascadia.core.compute.Flavor;
import io.cascadia.core.compute.Server;
import io.cascadia.core.compute.ServerFlavor;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.image.Image;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.SecurityGroup;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.store.Filters;
import io.cascadia.store.Listing;
import io.cascadia.store.compute.Flavors;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.compute.ServerAddressCache;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.network.Networks;
import io.cascadia.store.sites.SiteZones;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Server create and delete as the top performs them.
 *
 * <p>Create takes a {@link ServerCreateRequest} (the body, read at the edge), resolves what it names (flavor, image or
 * the volume it boots from, networks or ports, keypair, security groups, zone) and checks quota, then in ONE
 * transaction allocates the server's ports centrally, inserts the server in BUILD, reserves its root volume and
 * enqueues the {@code server.create} placement job: all of it is committed, or none.
 *
 * <p>Delete of a server no site holds yet (no routing row) removes it at once, with its ports; a placed server is
 * marked {@code deleting} and a {@code server.delete} job is enqueued in the same transaction, and its row stays
 * until the proxy has deleted the site's copy.
 */
final class ServerService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Jdbi jdbi;
    private final Servers servers;
    private final Flavors flavors;
    private final Keypairs keypairs;
    private final Images images;
    private final Networks networks;
    private final SiteZones zones;
    private final JobQueue jobs;
    private final PortService ports;
    private final SecurityGroupService securityGroups;
    private final ComputeQuotas quotas;
    private final ServerAddressCache addressCache;
    private final BootVolumes bootVolumes;
    private final Clock clock;

    ServerService(Jdbi jdbi, Servers servers, Flavors flavors, Keypairs keypairs, Images images, Networks networks,
                  SiteZones zones, JobQueue jobs, PortService ports, SecurityGroupService securityGroups, ComputeQuotas quotas,
                  BootVolumes bootVolumes, Clock clock) {
        this.addressCache = new ServerAddressCache(jdbi);
        this.jdbi = jdbi;
        this.servers = servers;
        this.flavors = flavors;
        this.keypairs = keypairs;
        this.images = images;
        this.networks = networks;
        this.zones = zones;
        this.jobs = jobs;
        this.ports = ports;
        this.securityGroups = securityGroups;
        this.quotas = quotas;
        this.bootVolumes = bootVolumes;
        this.clock = clock;
    }

    /** What a create made: the servers, in order, and the administrator password they were given. */
    record Created(List<Server> servers, String adminPass) {
    }

    Created create(ComputeContext c, ServerCreateRequest request) {
        String project = c.project();
        Flavor flavor = flavor(c, request.flavorId());
        BootVolumes.Root root = request.root() == null ? null : bootVolumes.root(c, request.root());
        Image image = root == null ? image(c, request.imageId()) : null;
        List<NetworkRequest> requested = Optional.ofNullable(request.networks()).orElseGet(() -> onlyNetwork(c));
        String keyName = request.keyName();
        if (keyName != null && keypairs.find(c.auth().userId(), keyName).isEmpty()) {
            throw OpenStackException.badRequest("Invalid key_name provided.");
        }
        String zone = root == null ? zone(request.zone()) : bootVolumes.zone(root, zone(request.zone()));
        Map<String, String> metadata = request.metadata();
        quotas.checkMetadata(project, metadata.size());
        int count = request.count();
        String adminPass = Optional.ofNullable(request.adminPass()).orElseGet(ServerService::password);
        securityGroups.ensureDefault(project);
        List<SecurityGroup> groups = securityGroups.resolve(project, request.securityGroupNames());
        List<Network> resolvedNetworks = resolveNetworks(c, requested);
        List<Server> created = jdbi.inTransaction(h -> {
            quotas.checkServers(project, count, flavor.vcpus(), flavor.ramMb());
            List<Server> result = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String id = Ids.uuid();
                String serverName = count > 1 ? request.name() + "-" + i : request.name();
                List<String> preserved = attachPorts(c, id, zone, requested, resolvedNetworks, groups);
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                Server server = new Server(id, project, c.auth().userId(), serverName, request.description(), "BUILD",
                        "building", "scheduling", 0, zone, ServerFlavor.of(flavor), image == null ? null : image.id(), keyName,
                        request.userData(), request.accessIpv4(), request.accessIpv6(), request.configDrive(), null,
                        hostname(serverName), false, groups.stream().map(SecurityGroup::name).toList(), preserved, List.of(),
                        metadata, request.tags(), now, now, null);
                servers.insert(server);
                // Only ports of the server's project are its own, so its addresses are read once the server exists.
                addressCache.refresh(id);
                if (root != null) {
                    bootVolumes.reserve(root, id);
                }
                jobs.enqueue(JobSpec.of(JobType.SERVER_PLACEMENT, id, null));
                result.add(server);
            }
            return result;
        });
        return new Created(created, adminPass);
    }

    /** Deletes the server now when no site holds it, else marks it deleting and enqueues the site delete. */
    void delete(Server server) {
        jdbi.useTransaction(h -> {
            if (servers.isPlaced(server.id())) {
                servers.markDeleting(server.id(), clock.instant().truncatedTo(ChronoUnit.MICROS));
                jobs.enqueue(JobSpec.of(JobType.SERVER_DELETE, server.id(), null));
                return;
            }
            for (Port port : ports.portsOfServer(server.id())) {
                if (server.preservedPortIds().contains(port.id())) {
                    ports.bind(port, "", "");
                } else {
                    ports.delete(port);
                }
            }
            servers.delete(server.id(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        });
    }

    private List<String> attachPorts(ComputeContext c, String serverId, String zone, List<NetworkRequest> requested,
                                     List<Network> resolved, List<SecurityGroup> groups) {
        List<String> preserved = new ArrayList<>();
        String owner = PortService.COMPUTE_OWNER + (zone == null ? "nova" : zone);
        for (int i = 0; i < requested.size(); i++) {
            NetworkRequest request = requested.get(i);
            if (request.portId() != null) {
                Port port = ports.find(request.portId())
                        .filter(p -> p.projectId().equals(c.auth().projectId()) || c.admin())
                        .orElseThrow(() -> OpenStackException.badRequest("Port id " + request.portId() + " could not be found."));
                if (!port.projectId().equals(c.auth().projectId())) {
                    // Nova: a port of another project is not usable for the server, whoever asks.
                    throw OpenStackException.badRequest("Port " + port.id() + " not usable for instance " + serverId + ".");
                }
                if (!port.deviceId().isEmpty()) {
                    throw OpenStackException.conflict("Port " + port.id() + " is still in use.");
                }
                ports.bind(port, serverId, owner);
                preserved.add(port.id());
            } else {
                List<PortService.AddressRequest> addresses = request.fixedIp() == null ? List.of()
                        : List.of(new PortService.AddressRequest(null, request.fixedIp()));
                try {
                    ports.create(new PortService.NewPort(c.auth().projectId(), resolved.get(i), "", "", true, null, addresses,
                            serverId, owner, null, groups.stream().map(SecurityGroup::id).toList()));
                } catch (OpenStackException e) {
                    throw e.kind() == ErrorKind.CONFLICT && request.fixedIp() != null
                            ? OpenStackException.badRequest("Fixed IP address " + request.fixedIp() + " is already in use.")
                            : e;
                }
            }
        }
        return preserved;
    }

    private Flavor flavor(ComputeContext c, String id) {
        return flavors.find(id)
                .filter(f -> f.isPublic() || c.admin() || flavors.hasAccess(f.id(), c.auth().projectId()))
                .orElseThrow(() -> OpenStackException.badRequest("Flavor " + Nova.show(id) + " could not be found."));
    }

    private Image image(ComputeContext c, String id) {
        Image image = images.find(id)
                .filter(i -> c.admin() || ImageVisibility.visible(i, c.auth().projectId(), images))
                .orElseThrow(() -> OpenStackException.badRequest("Can not find requested image"));
        if (!image.status().equals("active")) {
            throw OpenStackException.badRequest("Image " + image.id() + " is not active.");
        }
        return image;
    }

    /**
     * With no network asked for (before 2.37, or "auto"), Nova uses the project's only usable network: none when it
     * has none, and it refuses to guess among several.
     */
    private List<NetworkRequest> onlyNetwork(ComputeContext c) {
        Filters filters = new Filters().where("(t.project_id = :me or t.shared) and not t.external", Map.of("me", c.project()));
        List<Network> usable = networks.list(new Listing(filters, List.of(new Listing.Order("t.id", true)), null, 2));
        if (usable.size() > 1) {
            throw OpenStackException.conflict("Multiple possible networks found, use a Network ID to be more specific.");
        }
        return usable.stream().map(n -> new NetworkRequest(n.id(), null, null)).toList();
    }

    /** The networks of the requests, each one the caller may use. */
    private List<Network> resolveNetworks(ComputeContext c, List<NetworkRequest> requested) {
        List<Network> result = new ArrayList<>();
        for (NetworkRequest request : requested) {
            if (request.portId() != null) {
                result.add(null);
                continue;
            }
            result.add(networks.find(request.networkId())
                    .filter(n -> c.admin() || n.shared() || n.projectId().equals(c.auth().projectId()))
                    .orElseThrow(() -> OpenStackException.badRequest("Network " + request.networkId() + " could not be found.")));
        }
        return result;
    }

    /** The zone asked for, when it exists: one whose sites are only degraded does, and the create waits for them. */
    private String zone(String name) {
        if (name != null && zones.list().stream().map(AvailabilityZone::topName).noneMatch(name::equals)) {
            throw OpenStackException.badRequest("The requested availability zone is not available");
        }
        return name;
    }

    /** Nova's hostname from a display name: lowercase, letters, digits and hyphens, at most 63 characters. */
    static String hostname(String name) {
        String host = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[.-]+|[.-]+$", "");
        host = host.length() > 63 ? host.substring(0, 63) : host;
        return host.isEmpty() ? "server" : host;
    }

    private static String password() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
        }
        return password.toString();
    }
}
