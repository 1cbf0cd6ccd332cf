package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.compute.ObservedServer;
import io.cascadia.core.compute.Server;
import io.cascadia.core.compute.ServerAddress;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import io.cascadia.core.volume.VolumeAttachment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nova's server JSON at the negotiated microversion: the fields of each version, the admin-only extended
 * attributes, the addresses of the ports the top allocated, read from the server's own address cache, and the
 * volumes attached to it.
 */
final class ServerViews {
    private final ComputeContext context;
    private final Map<String, List<VolumeAttachment>> volumes;

    /** @param volumes the volumes attached to each server shown (server id to its attachments) */
    ServerViews(ComputeContext context, Map<String, List<VolumeAttachment>> volumes) {
        this.context = context;
        this.volumes = volumes;
    }

    /** The list entry: id, name and links. */
    ObjectNode summary(Server server) {
        ObjectNode node = Json.object().put("id", server.id()).put("name", server.name());
        links(node.putArray("links"), "/servers/" + server.id());
        return node;
    }

    /** The full server, as show and detail return it, with its fault when it is in ERROR (null: none). */
    ObjectNode detail(Server server, boolean withServerGroups, ObservedServer.Fault fault) {
        ObjectNode node = basic(server);
        if (fault != null && "ERROR".equals(server.status())) {
            ObjectNode faultNode = node.putObject("fault")
                    .put("code", fault.code())
                    .put("created", Timestamps.seconds(fault.created()))
                    .put("message", fault.message());
            // Nova shows a fault's details to administrators, and to everyone when it is not an internal error.
            if (fault.details() != null && (context.admin() || fault.code() != 500)) {
                faultNode.put("details", fault.details());
            }
        }
        node.put("key_name", server.keyName());
        node.put("config_drive", server.configDrive() ? "True" : "");
        node.put("OS-EXT-AZ:availability_zone", server.availabilityZone() == null ? "" : server.availabilityZone());
        node.put("OS-EXT-STS:task_state", server.taskState())
                .put("OS-EXT-STS:vm_state", server.vmState())
                .put("OS-EXT-STS:power_state", server.powerState());
        node.put("OS-SRV-USG:launched_at", server.launchedAt() == null ? null : Timestamps.micros(server.launchedAt()).replace("Z", ""));
        node.putNull("OS-SRV-USG:terminated_at");
        ArrayNode attached = node.putArray("os-extended-volumes:volumes_attached");
        for (VolumeAttachment volume : volumes.getOrDefault(server.id(), List.of())) {
            ObjectNode entry = attached.addObject().put("id", volume.volumeId());
            if (context.atLeast(3)) {
                entry.put("delete_on_termination", volume.deleteOnTermination());
            }
        }
        if (!server.securityGroups().isEmpty()) {
            ArrayNode groups = node.putArray("security_groups");
            server.securityGroups().forEach(name -> groups.addObject().put("name", name));
        }
        if (context.admin()) {
            node.put("OS-EXT-SRV-ATTR:host", server.host())
                    .put("OS-EXT-SRV-ATTR:instance_name", "instance-" + server.id().substring(0, 8))
                    .put("OS-EXT-SRV-ATTR:hypervisor_hostname", server.host());
            if (context.atLeast(3)) {
                node.put("OS-EXT-SRV-ATTR:reservation_id", "r-" + server.id().substring(0, 8))
                        .put("OS-EXT-SRV-ATTR:launch_index", 0)
                        .put("OS-EXT-SRV-ATTR:hostname", server.hostname())
                        .put("OS-EXT-SRV-ATTR:kernel_id", "")
                        .put("OS-EXT-SRV-ATTR:ramdisk_id", "")
                        .putNull("OS-EXT-SRV-ATTR:root_device_name")
                        .put("OS-EXT-SRV-ATTR:user_data", server.userData());
            }
            if (context.atLeast(16)) {
                node.put("host_status", server.host() == null ? "" : "UP");
            }
        }
        if (context.atLeast(63)) {
            node.putNull("trusted_image_certificates");
        }
        if (withServerGroups && context.atLeast(71)) {
            node.putArray("server_groups");
        }
        return node;
    }

    /** The fields every server view has, which is all an update answers with before 2.75. */
    ObjectNode basic(Server server) {
        ObjectNode node = Json.object()
                .put("id", server.id())
                .put("name", server.name())
                .put("status", server.status())
                .put("tenant_id", server.projectId())
                .put("user_id", server.userId());
        ObjectNode metadata = node.putObject("metadata");
        new java.util.TreeMap<>(server.metadata()).forEach(metadata::put);
        node.put("hostId", hostId(server));
        if (server.imageId() == null) {
            node.put("image", "");
        } else {
            ObjectNode image = node.putObject("image").put("id", server.imageId());
            image.putArray("links").addObject().put("rel", "bookmark").put("href", context.bookmark("/images/" + server.imageId()));
        }
        node.set("flavor", flavor(server));
        node.put("created", Timestamps.seconds(server.createdAt()))
                .put("updated", Timestamps.seconds(server.updatedAt()));
        node.set("addresses", addresses(server));
        node.put("accessIPv4", server.accessIpv4() == null ? "" : server.accessIpv4())
                .put("accessIPv6", server.accessIpv6() == null ? "" : server.accessIpv6());
        links(node.putArray("links"), "/servers/" + server.id());
        node.put("OS-DCF:diskConfig", "MANUAL");
        if (server.status().equals("BUILD") || server.status().equals("ACTIVE")) {
            node.put("progress", 0);
        }
        if (context.atLeast(9)) {
            node.put("locked", server.locked());
        }
        if (context.atLeast(19)) {
            node.put("description", server.description());
        }
        if (context.atLeast(26)) {
            ArrayNode tags = node.putArray("tags");
            server.tags().forEach(tags::add);
        }
        if (context.atLeast(73)) {
            node.putNull("locked_reason");
        }
        return node;
    }

    private ObjectNode flavor(Server server) {
        ObjectNode flavor = Json.object();
        if (context.atLeast(47)) {
            flavor.put("vcpus", server.flavor().vcpus())
                    .put("ram", server.flavor().ramMb())
                    .put("disk", server.flavor().diskGb())
                    .put("ephemeral", server.flavor().ephemeralGb())
                    .put("swap", server.flavor().swapMb())
                    .put("original_name", server.flavor().name());
            ObjectNode specs = flavor.putObject("extra_specs");
            new java.util.TreeMap<>(server.flavor().extraSpecs()).forEach(specs::put);
        } else {
            flavor.put("id", server.flavor().id());
            flavor.putArray("links").addObject().put("rel", "bookmark").put("href", context.bookmark("/flavors/" + server.flavor().id()));
        }
        return flavor;
    }

    private ObjectNode addresses(Server server) {
        Map<String, ArrayNode> byNetwork = new LinkedHashMap<>();
        ObjectNode addresses = Json.object();
        for (ServerAddress address : server.addresses()) {
            byNetwork.computeIfAbsent(address.networkName(), addresses::putArray).addObject()
                    .put("version", address.ipAddress().contains(":") ? 6 : 4)
                    .put("addr", address.ipAddress())
                    .put("OS-EXT-IPS:type", "fixed")
                    .put("OS-EXT-IPS-MAC:mac_addr", address.macAddress());
        }
        return addresses;
    }

    private void links(ArrayNode links, String path) {
        links.addObject().put("rel", "self").put("href", context.self(path));
        links.addObject().put("rel", "bookmark").put("href", context.bookmark(path));
    }

    /** Nova's opaque host id: a SHA-224 of project and host, empty while the server has no host. */
    private static String hostId(Server server) {
        if (server.host() == null) {
            return "";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-224");
            return HexFormat.of().formatHex(sha.digest((server.projectId() + server.host()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-224", e);
        }
    }
}
