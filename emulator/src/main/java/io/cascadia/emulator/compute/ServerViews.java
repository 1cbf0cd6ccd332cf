package io.cascadia.emulator.compute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import io.cascadia.emulator.network.Ports;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nova's JSON for a server, by microversion and role, field for field as Nova's view builder writes it: extended
 * server attributes and {@code host_status} for administrators only; {@code locked} from 2.9, {@code description}
 * from 2.19, {@code tags} from 2.26, the embedded flavor from 2.47, {@code trusted_image_certificates} from 2.63,
 * {@code server_groups} (show and update only) from 2.71, {@code locked_reason} from 2.73; before 2.75 an update
 * answers with the short form. Addresses come from the server's ports as Neutron has them now, hidden while the
 * server builds.
 *
 * <p>Servers are written straight to a JSON generator: a page of a thousand servers is answered without building a
 * tree of nodes first.
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
    private final Map<String, String> hostIds = new ConcurrentHashMap<>();

    ServerViews(Ports ports) {
        this.ports = ports;
    }

    ObjectNode summary(Context ctx, Server server) {
        ObjectNode node = Json.object().put("id", server.id());
        node.set("links", ComputeLinks.of(ctx, "servers", server.id()));
        node.put("name", server.name());
        return node;
    }

    void write(JsonGenerator g, Context ctx, NovaRequest request, Server server, Mode mode) throws IOException {
        boolean full = mode != Mode.UPDATE || request.atLeast(75);
        boolean admin = request.admin();
        ServerState state = server.state();
        ServerStatus status = state.status();
        List<Ports.ServerPort> serverPorts = serverPorts(server);
        g.writeStartObject();
        g.writeStringField("accessIPv4", server.accessIPv4() == null ? "" : server.accessIPv4());
        g.writeStringField("accessIPv6", server.accessIPv6() == null ? "" : server.accessIPv6());
        g.writeFieldName("addresses");
        addresses(g, server, serverPorts, full);
        g.writeStringField("created", Timestamps.seconds(server.createdAt()));
        g.writeFieldName("flavor");
        flavor(g, ctx, request, server.spec().flavor());
        g.writeStringField("hostId", hostId(server));
        g.writeStringField("id", server.id());
        if (server.spec().imageId() == null) {
            g.writeStringField("image", "");
        } else {
            g.writeObjectFieldStart("image");
            g.writeStringField("id", server.spec().imageId());
            g.writeFieldName("links");
            ComputeLinks.writeBookmark(g, ctx, "images", server.spec().imageId());
            g.writeEndObject();
        }
        g.writeFieldName("links");
        ComputeLinks.write(g, ctx, "servers", server.id());
        g.writeObjectFieldStart("metadata");
        for (Map.Entry<String, String> item : server.metadata().entrySet()) {
            g.writeStringField(item.getKey(), item.getValue());
        }
        g.writeEndObject();
        g.writeStringField("name", server.name());
        g.writeStringField("status", status.name());
        g.writeStringField("tenant_id", server.projectId());
        g.writeStringField("user_id", server.userId());
        g.writeStringField("updated", Timestamps.seconds(server.updatedAt()));
        g.writeStringField("OS-DCF:diskConfig", server.spec().autoDiskConfig() ? "AUTO" : "MANUAL");
        if ((status == ServerStatus.ERROR || status == ServerStatus.DELETED) && state.fault() != null) {
            ServerFault fault = state.fault();
            g.writeObjectFieldStart("fault");
            g.writeNumberField("code", fault.code());
            g.writeStringField("created", Timestamps.seconds(fault.created()));
            g.writeStringField("message", fault.message());
            if (!fault.details().isEmpty() && (admin || fault.code() != 500)) {
                g.writeStringField("details", fault.details());
            }
            g.writeEndObject();
        }
        if (status.showsProgress()) {
            g.writeNumberField("progress", 0);
        }
        if (full) {
            g.writeStringField("OS-EXT-AZ:availability_zone", server.spec().availabilityZone());
            g.writeStringField("config_drive", server.spec().configDrive() ? "True" : "");
            g.writeStringField("key_name", server.spec().keyName());
            g.writeStringField("OS-SRV-USG:launched_at", naiveMicros(state.launchedAt()));
            g.writeStringField("OS-SRV-USG:terminated_at", naiveMicros(state.terminatedAt()));
            securityGroups(g, serverPorts);
            if (admin) {
                extendedAttributes(g, request, server);
            }
            g.writeStringField("OS-EXT-STS:task_state", state.taskState() == null ? null : state.taskState().apiName());
            g.writeStringField("OS-EXT-STS:vm_state", state.vmState().apiName());
            g.writeNumberField("OS-EXT-STS:power_state", state.powerState().code());
            g.writeArrayFieldStart("os-extended-volumes:volumes_attached");
            for (VolumeAttachment attachment : server.volumes()) {
                g.writeStartObject();
                g.writeStringField("id", attachment.volumeId());
                if (request.atLeast(3)) {
                    g.writeBooleanField("delete_on_termination", attachment.deleteOnTermination());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (request.atLeast(9)) {
            g.writeBooleanField("locked", false);
        }
        if (request.atLeast(16) && admin && full) {
            g.writeStringField("host_status", server.spec().host() == null ? "" : "UP");
        }
        if (request.atLeast(19)) {
            g.writeStringField("description", server.description());
        }
        if (request.atLeast(26)) {
            g.writeArrayFieldStart("tags");
            for (String tag : server.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        if (request.atLeast(63)) {
            g.writeNullField("trusted_image_certificates");
        }
        if (request.atLeast(71) && mode != Mode.DETAIL) {
            g.writeArrayFieldStart("server_groups");
            g.writeEndArray();
        }
        if (request.atLeast(73)) {
            g.writeNullField("locked_reason");
        }
        g.writeEndObject();
    }

    /** The {@code OS-EXT-SRV-ATTR} attributes of Nova's extended server attributes, for administrators. */
    private static void extendedAttributes(JsonGenerator g, NovaRequest request, Server server) throws IOException {
        ServerSpec spec = server.spec();
        g.writeStringField("OS-EXT-SRV-ATTR:host", spec.host());
        g.writeStringField("OS-EXT-SRV-ATTR:instance_name", spec.instanceName());
        g.writeStringField("OS-EXT-SRV-ATTR:hypervisor_hostname", spec.host());
        if (request.atLeast(3)) {
            g.writeStringField("OS-EXT-SRV-ATTR:hostname", spec.hostname());
            g.writeStringField("OS-EXT-SRV-ATTR:kernel_id", "");
            g.writeNumberField("OS-EXT-SRV-ATTR:launch_index", spec.launchIndex());
            g.writeStringField("OS-EXT-SRV-ATTR:ramdisk_id", "");
            g.writeStringField("OS-EXT-SRV-ATTR:reservation_id", spec.reservationId());
            g.writeStringField("OS-EXT-SRV-ATTR:root_device_name", "/dev/vda");
            g.writeStringField("OS-EXT-SRV-ATTR:user_data", spec.userData());
        }
    }

    /** The server's ports as Neutron has them now, in interface order; ports deleted meanwhile are skipped. */
    private List<Ports.ServerPort> serverPorts(Server server) {
        List<Ports.ServerPort> list = new ArrayList<>(server.portIds().size());
        for (String portId : server.portIds()) {
            ports.serverPort(portId).ifPresent(list::add);
        }
        return list;
    }

    private static void addresses(JsonGenerator g, Server server, List<Ports.ServerPort> serverPorts, boolean extended)
            throws IOException {
        g.writeStartObject();
        if (server.state().vmState() != VmState.BUILDING) {
            Map<String, List<Ports.ServerPort>> byNetwork = new LinkedHashMap<>();
            for (Ports.ServerPort port : serverPorts) {
                byNetwork.computeIfAbsent(port.networkName(), name -> new ArrayList<>()).add(port);
            }
            for (Map.Entry<String, List<Ports.ServerPort>> network : byNetwork.entrySet()) {
                g.writeArrayFieldStart(network.getKey());
                for (Ports.ServerPort port : network.getValue()) {
                    for (String ip : port.ipAddresses()) {
                        g.writeStartObject();
                        g.writeNumberField("version", ip.contains(":") ? 6 : 4);
                        g.writeStringField("addr", ip);
                        if (extended) {
                            g.writeStringField("OS-EXT-IPS:type", "fixed");
                            g.writeStringField("OS-EXT-IPS-MAC:mac_addr", port.macAddress());
                        }
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    private static void securityGroups(JsonGenerator g, List<Ports.ServerPort> serverPorts) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (Ports.ServerPort port : serverPorts) {
            names.addAll(port.securityGroupNames());
        }
        if (!names.isEmpty()) {
            g.writeArrayFieldStart("security_groups");
            for (String name : names) {
                g.writeStartObject();
                g.writeStringField("name", name);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static void flavor(JsonGenerator g, Context ctx, NovaRequest request, Flavor flavor) throws IOException {
        g.writeStartObject();
        if (!request.atLeast(47)) {
            g.writeStringField("id", flavor.id());
            g.writeFieldName("links");
            ComputeLinks.writeBookmark(g, ctx, "flavors", flavor.id());
        } else {
            g.writeNumberField("vcpus", flavor.vcpus());
            g.writeNumberField("ram", flavor.ramMb());
            g.writeNumberField("disk", flavor.diskGb());
            g.writeNumberField("ephemeral", flavor.ephemeralGb());
            g.writeNumberField("swap", flavor.swapMb());
            g.writeStringField("original_name", flavor.name());
            g.writeObjectFieldStart("extra_specs");
            for (Map.Entry<String, String> spec : flavor.extraSpecs().entrySet()) {
                g.writeStringField(spec.getKey(), spec.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * Nova's {@code hostId}: SHA-224 of project and host, so projects cannot correlate hosts; "" without a host.
     * Remembered per project and host, which a page of a thousand servers repeats.
     */
    private String hostId(Server server) {
        String host = server.spec().host();
        if (host == null) {
            return "";
        }
        return hostIds.computeIfAbsent(server.projectId() + host, key -> {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-224").digest(key.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-224 is missing from this JVM", e);
            }
        });
    }

    private static String naiveMicros(Instant instant) {
        return instant == null ? null : KeypairHandlers.NAIVE_MICROS.format(instant);
    }
}
