package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * <p>Create validates flavor, image (or the volume it boots from), networks or ports, keypair, security groups, zone
 * and quota, then in ONE transaction allocates the server's ports centrally, inserts the server in BUILD, reserves
 * its root volume and enqueues the {@code server.create} placement job: all of it is committed, or none.
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

    /** One entry of {@code networks}: a network (with an optional fixed address) or an existing port. */
    private record NetworkRequest(String networkId, String portId, String fixedIp) {
    }

    Created create(ComputeContext c, ObjectNode body) {
        String project = c.project();
        String name = Nova.name(body, "name");
        if (name == null) {
            throw missing("name");
        }
        Flavor flavor = flavor(c, body);
        BootVolumes.Root root = bootVolumes.root(c, body);
        Image image = root == null ? image(c, body) : null;
        List<NetworkRequest> requested = Optional.ofNullable(networkRequests(c, body)).orElseGet(() -> onlyNetwork(c));
        String keyName = Nova.string(body, "key_name", 1, 255);
        if (keyName != null && keypairs.find(c.auth().userId(), keyName).isEmpty()) {
            throw OpenStackException.badRequest("Invalid key_name provided.");
        }
        String zone = root == null ? zone(body) : bootVolumes.zone(root, zone(body));
        Map<String, String> metadata = Metadata.read(body, "metadata");
        quotas.checkMetadata(project, metadata.size());
        List<String> groupNames = securityGroupNames(body);
        Integer min = Nova.integer(body, "min_count", 1, Integer.MAX_VALUE);
        Integer max = Nova.integer(body, "max_count", 1, Integer.MAX_VALUE);
        int count = max != null ? max : min != null ? min : 1;
        if (min != null && min > count) {
            throw OpenStackException.badRequest("min_count must be <= max_count");
        }
        if (count > 1 && root != null) {
            throw OpenStackException.badRequest("Cannot attach one or more volumes to multiple instances");
        }
        if (count > 1 && requested.stream().anyMatch(r -> r.portId() != null)) {
            throw OpenStackException.badRequest("Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.");
        }
        String description = c.atLeast(19) ? Nova.nullableString(body, "description", 255) : null;
        List<String> tags = c.atLeast(52) ? tags(body) : List.of();
        String adminPass = Optional.ofNullable(Nova.string(body, "adminPass", 0, 255)).orElseGet(ServerService::password);
        String accessIpv4 = Nova.string(body, "accessIPv4", 0, 64);
        String accessIpv6 = Nova.string(body, "accessIPv6", 0, 64);
        boolean configDrive = Optional.ofNullable(Nova.bool(body, "config_drive")).orElse(false);
        String userData = userData(body);
        securityGroups.ensureDefault(project);
        List<SecurityGroup> groups = securityGroups.resolve(project, groupNames);
        List<Network> resolvedNetworks = resolveNetworks(c, requested);
        List<Server> created = jdbi.inTransaction(h -> {
            quotas.checkServers(project, count, flavor.vcpus(), flavor.ramMb());
            List<Server> result = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String id = Ids.uuid();
                String serverName = count > 1 ? name + "-" + i : name;
                List<String> preserved = attachPorts(c, id, zone, requested, resolvedNetworks, groups);
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                Server server = new Server(id, project, c.auth().userId(), serverName, description, "BUILD", "building",
                        "scheduling", 0, zone, ServerFlavor.of(flavor), image == null ? null : image.id(), keyName, userData,
                        accessIpv4, accessIpv6,
                        configDrive, null, hostname(serverName), false, groups.stream().map(SecurityGroup::name).toList(),
                        preserved, List.of(), metadata, tags, now, now, null);
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

    private Flavor flavor(ComputeContext c, JsonNode body) {
        String ref = Nova.string(body, "flavorRef", 1, 1024);
        if (ref == null) {
            throw missing("flavorRef");
        }
        String id = ref.substring(ref.lastIndexOf('/') + 1);
        return flavors.find(id)
                .filter(f -> f.isPublic() || c.admin() || flavors.hasAccess(f.id(), c.auth().projectId()))
                .orElseThrow(() -> OpenStackException.badRequest("Flavor " + Nova.show(id) + " could not be found."));
    }

    private Image image(ComputeContext c, JsonNode body) {
        String ref = Nova.string(body, "imageRef", 0, 1024);
        if (ref == null || ref.isEmpty()) {
            throw OpenStackException.badRequest("Can not find requested image");
        }
        String id = ref.substring(ref.lastIndexOf('/') + 1);
        if (!Ids.isUuid(id)) {
            throw OpenStackException.badRequest("Invalid imageRef provided.");
        }
        Image image = images.find(id)
                .filter(i -> c.admin() || ImageVisibility.visible(i, c.auth().projectId(), images))
                .orElseThrow(() -> OpenStackException.badRequest("Can not find requested image"));
        if (!image.status().equals("active")) {
            throw OpenStackException.badRequest("Image " + image.id() + " is not active.");
        }
        return image;
    }

    private List<NetworkRequest> networkRequests(ComputeContext c, JsonNode body) {
        JsonNode value = body.get("networks");
        if (value == null) {
            if (c.atLeast(37)) {
                throw missing("networks");
            }
            return null;
        }
        if (value.isTextual() && c.atLeast(37)) {
            return switch (value.textValue()) {
                case "none" -> List.of();
                case "auto" -> null;
                default -> throw Nova.invalid("networks", value, "is not one of ['none', 'auto']");
            };
        }
        if (!value.isArray()) {
            throw Nova.invalid("networks", value, "is not of type 'array'");
        }
        List<NetworkRequest> requests = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw Nova.invalid("networks", item, "is not of type 'object'");
            }
            String uuid = Nova.string(item, "uuid", 0, 255);
            String port = Nova.string(item, "port", 0, 255);
            String fixedIp = Nova.string(item, "fixed_ip", 0, 64);
            if (port != null && !Ids.isUuid(port)) {
                throw Nova.invalid("port", item.get("port"), "is not a 'uuid'");
            }
            if (port == null && (uuid == null || !Ids.isUuid(uuid))) {
                throw OpenStackException.badRequest("Bad networks format: network uuid is not in proper format ("
                        + Nova.show(String.valueOf(uuid)) + ")");
            }
            if (fixedIp != null && port != null) {
                throw OpenStackException.badRequest("Bad networks format: fixed_ip and port can not both be given");
            }
            requests.add(new NetworkRequest(port != null ? null : uuid, port, fixedIp));
        }
        return requests;
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

    private String zone(JsonNode body) {
        String zone = Nova.string(body, "availability_zone", 1, 255);
        if (zone == null) {
            return null;
        }
        String name = zone.contains(":") ? zone.substring(0, zone.indexOf(':')) : zone;
        // A zone whose sites are only degraded exists: the create waits for them rather than fail at once.
        if (zones.list().stream().map(AvailabilityZone::topName).noneMatch(name::equals)) {
            throw OpenStackException.badRequest("The requested availability zone is not available");
        }
        return name;
    }

    private static List<String> securityGroupNames(JsonNode body) {
        JsonNode value = body.get("security_groups");
        if (value == null) {
            return List.of(SecurityGroup.DEFAULT_NAME);
        }
        if (!value.isArray()) {
            throw Nova.invalid("security_groups", value, "is not of type 'array'");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : value) {
            String name = item.isObject() ? Nova.string(item, "name", 1, 255) : null;
            if (name == null) {
                throw Nova.invalid("security_groups", item, "is not valid under any of the given schemas");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> tags(JsonNode body) {
        JsonNode value = body.get("tags");
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > 50) {
            throw Nova.invalid("tags", value, "is not a valid list of at most 50 tags");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual() || tag.textValue().isEmpty() || tag.textValue().length() > 60
                    || tag.textValue().contains(",") || tag.textValue().contains("/")) {
                throw Nova.invalid("tags", tag, "is not a valid tag");
            }
            if (!tags.contains(tag.textValue())) {
                tags.add(tag.textValue());
            }
        }
        return tags;
    }

    /** {@code user_data}: base64 of at most 65535 characters, as Nova accepts it. */
    private static String userData(JsonNode body) {
        String text = Nova.string(body, "user_data", 0, 65535);
        if (text == null) {
            return null;
        }
        try {
            java.util.Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw Nova.invalid("user_data", body.get("user_data"), "is not a 'base64'");
        }
        return text;
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

    private static OpenStackException missing(String field) {
        return OpenStackException.badRequest("Invalid input for field/attribute server. Value: {...}. '" + field
                + "' is a required property");
    }
}
