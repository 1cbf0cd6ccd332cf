package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import io.cascadia.emulator.network.Ports;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Nova's JSON for a server, by microversion and role, field for field as Nova's view builder writes it: extended
 * server attributes and {@code host_status} for administrators only; {@code locked} from 2.9, {@code description}
 * from 2.19, {@code tags} from 2.26, the embedded flavor from 2.47, {@code trusted_image_certificates} from 2.63,
 * {@code server_groups} (show and update only) from 2.71, {@code locked_reason} from 2.73; before 2.75 an update
 * answers with the short form. Addresses come from the server's ports as Neutron has them now, hidden while the
 * server builds.
 */
final class ServerViews {
    /** Which of Nova's server views to write. */
    enum Mode {
        /** {@code GET /servers/{id}}. */
        SHOW,
        /** One item of {@code GET /servers/detail}: like show, without {@code server_groups}. */
        DETAIL,
        /** The answer to {@code PUT /servers/{id}}: the short form before 2.75, like show from 2.75. */
        UPDATE
    }

    private final Ports ports;

    ServerViews(Ports ports) {
        this.ports = ports;
    }

    ObjectNode summary(Context ctx, Server server) {
        ObjectNode node = Json.object().put("id", server.id());
        node.set("links", ComputeLinks.of(ctx, "servers", server.id()));
        node.put("name", server.name());
        return node;
    }

    ObjectNode server(Context ctx, NovaRequest request, Server server, Mode mode) {
        boolean full = mode != Mode.UPDATE || request.atLeast(75);
        boolean admin = request.admin();
        ServerState state = server.state();
        ServerStatus status = state.status();
        ObjectNode node = Json.object()
                .put("accessIPv4", server.accessIPv4() == null ? "" : server.accessIPv4())
                .put("accessIPv6", server.accessIPv6() == null ? "" : server.accessIPv6());
        node.set("addresses", addresses(server, full));
        node.put("created", Timestamps.seconds(server.createdAt()));
        node.set("flavor", flavor(ctx, request, server.spec().flavor()));
        node.put("hostId", hostId(server));
        node.put("id", server.id());
        if (server.spec().imageId() == null) {
            node.put("image", "");
        } else {
            node.putObject("image").put("id", server.spec().imageId())
                    .set("links", ComputeLinks.bookmarkOnly(ctx, "images", server.spec().imageId()));
        }
        node.set("links", ComputeLinks.of(ctx, "servers", server.id()));
        ObjectNode metadata = node.putObject("metadata");
        server.metadata().forEach(metadata::put);
        node.put("name", server.name())
                .put("status", status.name())
                .put("tenant_id", server.projectId())
                .put("user_id", server.userId())
                .put("updated", Timestamps.seconds(server.updatedAt()))
                .put("OS-DCF:diskConfig", server.spec().autoDiskConfig() ? "AUTO" : "MANUAL");
        if ((status == ServerStatus.ERROR || status == ServerStatus.DELETED) && state.fault() != null) {
            ServerFault fault = state.fault();
            ObjectNode faultNode = node.putObject("fault")
                    .put("code", fault.code())
                    .put("created", Timestamps.seconds(fault.created()))
                    .put("message", fault.message());
            if (!fault.details().isEmpty() && (admin || fault.code() != 500)) {
                faultNode.put("details", fault.details());
            }
        }
        if (status.showsProgress()) {
            node.put("progress", 0);
        }
        if (full) {
            node.put("OS-EXT-AZ:availability_zone", server.spec().availabilityZone())
                    .put("config_drive", server.spec().configDrive() ? "True" : "")
                    .put("key_name", server.spec().keyName())
                    .put("OS-SRV-USG:launched_at", naiveMicros(state.launchedAt()))
                    .put("OS-SRV-USG:terminated_at", naiveMicros(state.terminatedAt()));
            securityGroups(node, server);
            if (admin) {
                extendedAttributes(node, request, server);
            }
            node.put("OS-EXT-STS:task_state", state.taskState() == null ? null : state.taskState().apiName())
                    .put("OS-EXT-STS:vm_state", state.vmState().apiName())
                    .put("OS-EXT-STS:power_state", state.powerState().code());
            ArrayNode volumes = node.putArray("os-extended-volumes:volumes_attached");
            for (VolumeAttachment attachment : server.volumes()) {
                ObjectNode volume = volumes.addObject().put("id", attachment.volumeId());
                if (request.atLeast(3)) {
                    volume.put("delete_on_termination", attachment.deleteOnTermination());
                }
            }
        }
        if (request.atLeast(9)) {
            node.put("locked", false);
        }
        if (request.atLeast(16) && admin && full) {
            node.put("host_status", server.spec().host() == null ? "" : "UP");
        }
        if (request.atLeast(19)) {
            node.put("description", server.description());
        }
        if (request.atLeast(26)) {
            ArrayNode tags = node.putArray("tags");
            server.tags().forEach(tags::add);
        }
        if (request.atLeast(63)) {
            node.putNull("trusted_image_certificates");
        }
        if (request.atLeast(71) && mode != Mode.DETAIL) {
            node.putArray("server_groups");
        }
        if (request.atLeast(73)) {
            node.putNull("locked_reason");
        }
        return node;
    }

    /** The {@code OS-EXT-SRV-ATTR} attributes of Nova's extended server attributes, for administrators. */
    private static void extendedAttributes(ObjectNode node, NovaRequest request, Server server) {
        ServerSpec spec = server.spec();
        node.put("OS-EXT-SRV-ATTR:host", spec.host())
                .put("OS-EXT-SRV-ATTR:instance_name", spec.instanceName())
                .put("OS-EXT-SRV-ATTR:hypervisor_hostname", spec.host());
        if (request.atLeast(3)) {
            node.put("OS-EXT-SRV-ATTR:hostname", spec.hostname())
                    .put("OS-EXT-SRV-ATTR:kernel_id", "")
                    .put("OS-EXT-SRV-ATTR:launch_index", spec.launchIndex())
                    .put("OS-EXT-SRV-ATTR:ramdisk_id", "")
                    .put("OS-EXT-SRV-ATTR:reservation_id", spec.reservationId())
                    .put("OS-EXT-SRV-ATTR:root_device_name", "/dev/vda")
                    .put("OS-EXT-SRV-ATTR:user_data", spec.userData());
        }
    }

    private ObjectNode addresses(Server server, boolean extended) {
        ObjectNode addresses = Json.object();
        if (server.state().vmState() == VmState.BUILDING) {
            return addresses;
        }
        for (String portId : server.portIds()) {
            Optional<Ports.ServerPort> port = ports.serverPort(portId);
            if (port.isEmpty()) {
                continue;
            }
            ArrayNode list = addresses.has(port.get().networkName())
                    ? (ArrayNode) addresses.get(port.get().networkName())
                    : addresses.putArray(port.get().networkName());
            for (String ip : port.get().ipAddresses()) {
                ObjectNode address = list.addObject().put("version", ip.contains(":") ? 6 : 4).put("addr", ip);
                if (extended) {
                    address.put("OS-EXT-IPS:type", "fixed").put("OS-EXT-IPS-MAC:mac_addr", port.get().macAddress());
                }
            }
        }
        return addresses;
    }

    private void securityGroups(ObjectNode node, Server server) {
        Set<String> names = new LinkedHashSet<>();
        for (String portId : server.portIds()) {
            ports.serverPort(portId).ifPresent(port -> names.addAll(port.securityGroupNames()));
        }
        if (!names.isEmpty()) {
            ArrayNode groups = node.putArray("security_groups");
            names.forEach(name -> groups.addObject().put("name", name));
        }
    }

    private static ObjectNode flavor(Context ctx, NovaRequest request, Flavor flavor) {
        if (!request.atLeast(47)) {
            ObjectNode node = Json.object().put("id", flavor.id());
            node.set("links", ComputeLinks.bookmarkOnly(ctx, "flavors", flavor.id()));
            return node;
        }
        ObjectNode node = Json.object()
                .put("vcpus", flavor.vcpus())
                .put("ram", flavor.ramMb())
                .put("disk", flavor.diskGb())
                .put("ephemeral", flavor.ephemeralGb())
                .put("swap", flavor.swapMb())
                .put("original_name", flavor.name());
        ObjectNode specs = node.putObject("extra_specs");
        for (Map.Entry<String, String> spec : flavor.extraSpecs().entrySet()) {
            specs.put(spec.getKey(), spec.getValue());
        }
        return node;
    }

    /** Nova's {@code hostId}: SHA-224 of project and host, so projects cannot correlate hosts; "" without a host. */
    static String hostId(Server server) {
        String host = server.spec().host();
        if (host == null) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-224").digest((server.projectId() + host).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-224 is missing from this JVM", e);
        }
    }

    private static String naiveMicros(Instant instant) {
        return instant == null ? null : KeypairHandlers.NAIVE_MICROS.format(instant);
    }
}
