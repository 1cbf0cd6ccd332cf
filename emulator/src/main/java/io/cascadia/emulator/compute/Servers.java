package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.emulator.compute.ServerCreateRequest.BlockDevice;
import io.cascadia.emulator.compute.ServerCreateRequest.Interface;
import io.cascadia.emulator.image.Image;
import io.cascadia.emulator.image.Images;
import io.cascadia.emulator.network.Ports;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.emulator.runtime.Host;
import io.cascadia.emulator.runtime.StringPool;
import io.cascadia.emulator.volume.Volume;
import io.cascadia.emulator.volume.Volumes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Creating, changing and deleting servers, with the checks Nova makes before it accepts a request: flavor, image,
 * zone, keypair, quota, networks and ports, volumes. A create that passes them is answered at once (202) while the
 * {@link ServerStateMachine} builds the server; one that does not changes nothing.
 */
final class Servers {
    private final ServerTable table;
    private final ServerStateMachine machine;
    private final Flavors flavors;
    private final Keypairs keypairs;
    private final ComputeHosts hosts;
    private final ComputeQuotas quotas;
    private final Ports ports;
    private final Volumes volumes;
    private final Images images;
    private final FaultPlan faults;
    private final StringPool strings = new StringPool();
    private final AtomicLong instanceNumbers = new AtomicLong();

    Servers(ServerTable table, ServerStateMachine machine, Flavors flavors, Keypairs keypairs, ComputeHosts hosts,
            ComputeQuotas quotas, Ports ports, Volumes volumes, Images images, FaultPlan faults) {
        this.table = table;
        this.machine = machine;
        this.flavors = flavors;
        this.keypairs = keypairs;
        this.hosts = hosts;
        this.quotas = quotas;
        this.ports = ports;
        this.volumes = volumes;
        this.images = images;
        this.faults = faults;
    }

    /** The server, if the caller may see it: their project's, or any for an administrator; 404 otherwise. */
    Server visible(NovaRequest request, String id) {
        return table.find(id)
                .filter(server -> request.admin() || server.projectId().equals(request.projectId()))
                .orElseThrow(() -> notFound(id));
    }

    static OpenStackException notFound(String id) {
        return OpenStackException.notFound("Instance " + id + " could not be found.");
    }

    /** What {@link #create} made: the servers and, when the caller gave none, the generated admin password. */
    record Created(List<Server> servers, String reservationId, String adminPass) {
    }

    Created create(NovaRequest request, ServerCreateRequest create) {
        Flavor flavor = flavors.find(create.flavorRef())
                .orElseThrow(() -> OpenStackException.badRequest("Flavor " + create.flavorRef() + " could not be found."));
        Image image = null;
        if (!create.imageRef().isEmpty()) {
            image = images.bootable(request.projectId(), request.admin(), create.imageRef())
                    .orElseThrow(() -> OpenStackException.badRequest("Image " + create.imageRef() + " could not be found."));
        }
        Placement placement = placement(request, create);
        if (create.keyName() != null && keypairs.find(request.auth().userId(), create.keyName()).isEmpty()) {
            throw OpenStackException.badRequest("Invalid key_name provided.");
        }
        if (create.metadata().size() > quotas.limit(request.projectId(), ComputeQuotas.Quota.METADATA_ITEMS)) {
            throw OpenStackException.forbidden("Quota exceeded for metadata_items: maximum number of metadata items exceeds "
                    + quotas.limit(request.projectId(), ComputeQuotas.Quota.METADATA_ITEMS));
        }
        String reservationId = "r-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String adminPass = create.adminPass() != null ? create.adminPass() : Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        Image bootImage = image;
        return machine.locked(() -> {
            List<Interface> interfaces = interfaces(request, create.networks());
            quotas.claim(request.projectId(), flavor, create.maxCount());
            List<Server> created = new ArrayList<>();
            try {
                for (int index = 0; index < create.maxCount(); index++) {
                    String name = create.maxCount() > 1 ? create.name() + "-" + (index + 1) : create.name();
                    created.add(createOne(request, create, name, index, flavor, bootImage, placement, interfaces, reservationId));
                }
            } catch (RuntimeException e) {
                for (int i = created.size(); i < create.maxCount(); i++) {
                    quotas.release(request.projectId(), flavor);
                }
                created.forEach(server -> remove(server, false));
                throw e;
            }
            created.forEach(server -> machine.build(server, faults.nextCreateFails()));
            return new Created(created.stream().map(s -> table.find(s.id()).orElse(s)).toList(), reservationId, adminPass);
        });
    }

    /** Where the request asks for the server to go: a zone (or any), and a host for administrators. */
    private record Placement(String zone, String host) {
    }

    private Placement placement(NovaRequest request, ServerCreateRequest create) {
        String zone = create.availabilityZone();
        String host = create.host();
        if (zone != null) {
            String[] parts = zone.split(":", -1);
            zone = parts[0].isEmpty() ? null : parts[0];
            if (parts.length > 1 && !parts[1].isEmpty()) {
                NovaPolicy.requireAdmin(request, "os_compute_api:servers:create:forced_host");
                host = parts[1];
            }
        }
        if (zone != null && !hosts.hasZone(zone)) {
            throw OpenStackException.badRequest("The requested availability zone is not available");
        }
        String wantedZone = zone;
        if (host != null && hosts.find(host).filter(h -> wantedZone == null || h.availabilityZone().equals(wantedZone)).isEmpty()) {
            throw OpenStackException.badRequest("Compute host " + host + " could not be found.");
        }
        return new Placement(zone, host);
    }

    /** The interfaces to give each server: as listed, or the project's only network for "auto" and no list. */
    private List<Interface> interfaces(NovaRequest request, ServerCreateRequest.Networks networks) {
        return switch (networks) {
            case ServerCreateRequest.Explicit explicit -> explicit.interfaces();
            case ServerCreateRequest.NoNetwork none -> List.of();
            case ServerCreateRequest.Auto auto -> {
                List<String> candidates = ports.bootableNetworks(request.projectId());
                if (candidates.isEmpty()) {
                    throw OpenStackException.badRequest("Unable to automatically allocate a network for project "
                            + request.projectId());
                }
                yield onlyNetwork(candidates);
            }
            case ServerCreateRequest.Unspecified unspecified -> {
                List<String> candidates = ports.bootableNetworks(request.projectId());
                yield candidates.isEmpty() ? List.of() : onlyNetwork(candidates);
            }
        };
    }

    private static List<Interface> onlyNetwork(List<String> candidates) {
        if (candidates.size() > 1) {
            throw OpenStackException.conflict("Multiple possible networks found, use a Network ID to be more specific.");
        }
        return List.of(new Interface(candidates.getFirst(), null, null, null));
    }

    private Server createOne(NovaRequest request, ServerCreateRequest create, String name, int index, Flavor flavor,
                             Image image, Placement placement, List<Interface> interfaces, String reservationId) {
        String id = Ids.uuid();
        String projectId = strings.of(request.projectId());
        Optional<Host> host = hosts.place(flavor, placement.zone(), placement.host());
        String zone = host.map(Host::availabilityZone)
                .orElse(placement.zone() != null ? placement.zone() : hosts.zones().getFirst());
        List<String> portIds = new ArrayList<>();
        List<String> createdPorts = new ArrayList<>();
        List<VolumeAttachment> attachments = new ArrayList<>();
        try {
            if (host.isPresent()) {
                for (Interface requested : interfaces) {
                    Ports.ServerPort port = requested.portId() != null
                            ? ports.bindToServer(projectId, requested.portId(), id, host.get().name(), zone)
                            : ports.createForServer(projectId, requested.networkId(), requested.fixedIp(), id,
                                    host.get().name(), zone, create.securityGroups());
                    portIds.add(port.id());
                    if (requested.portId() == null) {
                        createdPorts.add(port.id());
                    }
                }
            }
            attachments.addAll(blockDevices(request, create, zone));
        } catch (RuntimeException e) {
            host.ifPresent(h -> hosts.release(h.name(), flavor));
            portIds.forEach(portId -> ports.releaseFromServer(portId, createdPorts.contains(portId)));
            attachments.forEach(attachment -> volumes.detach(attachment.volumeId(), true));
            throw e;
        }
        Instant now = machine.now();
        ServerSpec spec = new ServerSpec(flavor, image == null ? null : image.id(), strings.of(zone),
                host.map(h -> strings.of(h.name())).orElse(null), create.keyName(), create.userData(),
                instanceNumbers.incrementAndGet(), reservationId, index, create.configDrive(), create.autoDiskConfig(),
                List.copyOf(createdPorts), hostname(name));
        Server server = new Server(id, projectId, strings.of(request.auth().userId()), name, create.description(), spec,
                ServerState.building(), List.copyOf(portIds), List.copyOf(attachments), create.metadata(), create.tags(),
                create.accessIPv4(), create.accessIPv6(), now, now);
        table.put(server);
        return server;
    }

    /** Reserves or creates the volumes of the block device mapping, with their device names (vda, vdb, ...). */
    private List<VolumeAttachment> blockDevices(NovaRequest request, ServerCreateRequest create, String zone) {
        List<VolumeAttachment> attachments = new ArrayList<>();
        char next = create.imageRef().isEmpty() ? 'a' : 'b';
        List<BlockDevice> ordered = new ArrayList<>(create.blockDevices());
        ordered.sort(Comparator.comparing((BlockDevice d) -> d.isBoot() ? 0 : 1));
        try {
            for (BlockDevice device : ordered) {
                if (!device.destinationType().equals("volume")) {
                    continue;
                }
                Volume volume = switch (device.sourceType()) {
                    case "volume" -> volumes.reserve(request.projectId(), request.admin(), device.uuid());
                    case "image" -> volumes.createReserved(request.projectId(), request.auth().userId(), device.volumeSize(), zone,
                            imageMetadata(request, device.uuid()));
                    default -> volumes.createReserved(request.projectId(), request.auth().userId(), device.volumeSize(), zone, Map.of());
                };
                String deviceName = device.isBoot() ? "/dev/vda" : "/dev/vd" + next++;
                attachments.add(new VolumeAttachment(volume.id(), deviceName, device.tag(), device.deleteOnTermination()));
            }
        } catch (RuntimeException e) {
            attachments.forEach(attachment -> volumes.detach(attachment.volumeId(), true));
            throw e;
        }
        return attachments;
    }

    private Map<String, String> imageMetadata(NovaRequest request, String imageId) {
        return Volumes.imageMetadata(images.bootable(request.projectId(), request.admin(), imageId)
                .orElseThrow(() -> OpenStackException.badRequest("Image " + imageId + " could not be found.")));
    }

    /** Nova's hostname from a display name: lower case, only letters, digits and dashes, at most 63 characters. */
    private static String hostname(String name) {
        String hostname = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        hostname = hostname.length() > 63 ? hostname.substring(0, 63) : hostname;
        return hostname.isEmpty() ? "server" : hostname;
    }

    Server update(NovaRequest request, String id, String name, String description, boolean setDescription,
                  String accessIPv4, String accessIPv6) {
        return machine.locked(() -> {
            Server current = visible(request, id);
            Server updated = current.withDetails(name != null ? name : current.name(),
                    setDescription ? description : current.description(),
                    accessIPv4 != null ? accessIPv4 : current.accessIPv4(),
                    accessIPv6 != null ? accessIPv6 : current.accessIPv6(), machine.now());
            table.put(updated);
            return updated;
        });
    }

    /** Replaces the server's metadata ({@code replace}) or merges into it; returns the resulting metadata. */
    Map<String, String> changeMetadata(NovaRequest request, String id, Map<String, String> given, boolean replace,
                                       String removeKey) {
        return machine.locked(() -> {
            Server current = visible(request, id);
            Map<String, String> metadata = replace ? new HashMap<>() : new HashMap<>(current.metadata());
            metadata.putAll(given);
            if (removeKey != null && metadata.remove(removeKey) == null) {
                throw OpenStackException.notFound("Metadata item was not found");
            }
            int limit = quotas.limit(current.projectId(), ComputeQuotas.Quota.METADATA_ITEMS);
            if (limit >= 0 && metadata.size() > limit) {
                throw OpenStackException.forbidden("Quota exceeded for metadata_items: maximum number of metadata items exceeds " + limit);
            }
            table.put(current.withMetadata(metadata, machine.now()));
            return Map.copyOf(metadata);
        });
    }

    List<String> changeTags(NovaRequest request, String id, UnaryOperator<List<String>> change) {
        return machine.locked(() -> {
            Server current = visible(request, id);
            List<String> tags = ServerTags.checked(change.apply(new ArrayList<>(current.tags())));
            if (!tags.equals(current.tags())) {
                table.put(current.withTags(tags, machine.now()));
            }
            return tags;
        });
    }

    void delete(NovaRequest request, String id) {
        machine.locked(() -> {
            machine.delete(visible(request, id), server -> remove(server, true));
            return null;
        });
    }

    /** Releases everything a server holds and keeps it as deleted (or forgets it when undoing a failed create). */
    private void remove(Server server, boolean keepAsDeleted) {
        if (server.state().vmState() != VmState.ERROR) {
            hosts.release(server.spec().host(), server.spec().flavor());
        }
        quotas.release(server.projectId(), server.spec().flavor());
        for (String portId : server.portIds()) {
            ports.releaseFromServer(portId, server.spec().createdPortIds().contains(portId));
        }
        for (VolumeAttachment attachment : server.volumes()) {
            volumes.detach(attachment.volumeId(), true);
            if (attachment.deleteOnTermination()) {
                volumes.delete(attachment.volumeId());
            }
        }
        Instant now = machine.now();
        if (keepAsDeleted) {
            ServerState deleted = new ServerState(VmState.DELETED, null, PowerState.NOSTATE,
                    server.state().launchedAt(), now, server.state().fault());
            table.markDeleted(ServerStateMachine.withInterfaces(server, List.of(), List.of()).withState(deleted, now), now);
        } else {
            table.live.remove(server.id());
        }
    }

    /**
     * Attaches an available volume to an ACTIVE or SHUTOFF server; it is in-use after the action latency.
     *
     * @throws OpenStackException 409 in other server states, 400 when the volume is not available or already attached
     */
    VolumeAttachment attachVolume(NovaRequest request, String serverId, String volumeId, String device, String tag,
                                  boolean deleteOnTermination) {
        return machine.locked(() -> {
            Server server = visible(request, serverId);
            ServerStateMachine.require(server, "attach_volume", VmState.ACTIVE, VmState.STOPPED);
            if (server.volumes().stream().anyMatch(a -> a.volumeId().equals(volumeId))) {
                throw OpenStackException.badRequest("Invalid volume: volume " + volumeId + " already attached");
            }
            volumes.reserve(server.projectId(), request.admin(), volumeId);
            String name = device != null ? device : nextDevice(server);
            VolumeAttachment attachment = new VolumeAttachment(volumeId, name, tag, deleteOnTermination);
            List<VolumeAttachment> attachments = new ArrayList<>(server.volumes());
            attachments.add(attachment);
            table.put(server.withVolumes(attachments, machine.now()));
            volumes.attach(volumeId, server.id(), name, server.spec().host(), false);
            return attachment;
        });
    }

    void detachVolume(NovaRequest request, String serverId, String volumeId) {
        machine.locked(() -> {
            Server server = visible(request, serverId);
            VolumeAttachment attachment = server.volumes().stream()
                    .filter(a -> a.volumeId().equals(volumeId))
                    .findFirst()
                    .orElseThrow(() -> OpenStackException.notFound("volume_id not found: " + volumeId));
            ServerStateMachine.require(server, "detach_volume", VmState.ACTIVE, VmState.STOPPED);
            if (attachment.device().equals("/dev/vda")) {
                throw OpenStackException.badRequest("Can't detach root device volume");
            }
            List<VolumeAttachment> remaining = new ArrayList<>(server.volumes());
            remaining.remove(attachment);
            table.put(server.withVolumes(remaining, machine.now()));
            volumes.detach(volumeId, false);
            return null;
        });
    }

    private static String nextDevice(Server server) {
        char next = 'b';
        for (VolumeAttachment attachment : server.volumes()) {
            String device = attachment.device();
            if (device != null && device.startsWith("/dev/vd") && device.length() == 8 && device.charAt(7) >= next) {
                next = (char) (device.charAt(7) + 1);
            }
        }
        return "/dev/vd" + next;
    }
}
