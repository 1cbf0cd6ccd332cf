package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Fields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code POST /servers} body, checked as Nova's request schema checks it (for the negotiated microversion):
 * unknown attributes, types, lengths, base64 user data, {@code networks} (required from 2.37, where it may also be
 * {@code auto} or {@code none}) and block device mappings. Whether the named flavor, image, networks and volumes
 * exist is for {@link Servers} to check.
 */
record ServerCreateRequest(String name, String imageRef, String flavorRef, Networks networks, String availabilityZone,
                           String keyName, String userData, Map<String, String> metadata, List<String> securityGroups,
                           List<BlockDevice> blockDevices, int minCount, int maxCount, boolean configDrive,
                           String adminPass, String accessIPv4, String accessIPv6, boolean autoDiskConfig,
                           String description, List<String> tags, boolean returnReservationId, String host) {

    /** What the caller asked of the server's networking. */
    sealed interface Networks permits Unspecified, Auto, NoNetwork, Explicit {
    }

    /** No {@code networks} before 2.37: the project's only network, if it has exactly one. */
    record Unspecified() implements Networks {
    }

    /** {@code "auto"}: the project's only network. */
    record Auto() implements Networks {
    }

    /** {@code "none"}: no interface at all. */
    record NoNetwork() implements Networks {
    }

    /** A list of interfaces, each on a network (with an optional fixed IP) or an existing port. */
    record Explicit(List<Interface> interfaces) implements Networks {
    }

    /** One requested interface: {@code portId}, or {@code networkId} with an optional {@code fixedIp}. */
    record Interface(String networkId, String portId, String fixedIp, String tag) {
    }

    /** One {@code block_device_mapping_v2} entry. */
    record BlockDevice(String sourceType, String destinationType, String uuid, Integer volumeSize, Integer bootIndex,
                       boolean deleteOnTermination, String deviceName, String tag) {
        boolean isBoot() {
            return bootIndex != null && bootIndex == 0;
        }
    }

    private static final Set<String> ATTRIBUTES = Set.of("name", "imageRef", "flavorRef", "networks",
            "availability_zone", "key_name", "user_data", "metadata", "security_groups", "block_device_mapping_v2",
            "block_device_mapping", "min_count", "max_count", "config_drive", "adminPass", "accessIPv4", "accessIPv6",
            "OS-DCF:diskConfig", "description", "tags", "return_reservation_id", "trusted_image_certificates", "host",
            "hypervisor_hostname", "personality");
    private static final Set<String> BDM_ATTRIBUTES = Set.of("source_type", "destination_type", "uuid", "volume_size",
            "boot_index", "delete_on_termination", "device_name", "tag", "guest_format", "disk_bus", "device_type",
            "no_device", "volume_type", "connection_info", "snapshot_id", "volume_id");
    private static final int MAX_USER_DATA = 65535;

    static ServerCreateRequest parse(ObjectNode body, NovaRequest request) {
        ObjectNode server = Fields.requiredObject(body, "server");
        for (String field : (Iterable<String>) server::fieldNames) {
            if (!ATTRIBUTES.contains(field)) {
                throw NovaSchema.invalid("server", field, "Additional properties are not allowed ('" + field + "' was unexpected)");
            }
        }
        String name = NovaSchema.name(server, "name");
        String imageRef = Fields.optionalString(server, "imageRef").map(ServerCreateRequest::idFromHref).orElse("");
        String flavorRef = idFromHref(NovaSchema.stringOrInteger(server, "flavorRef")
                .orElseThrow(() -> NovaSchema.required("server", "flavorRef")));
        Networks networks = networks(server, request);
        String zone = Fields.optionalString(server, "availability_zone").orElse(null);
        String userData = userData(server);
        Map<String, String> metadata = NovaSchema.metadata(server, "metadata");
        List<String> groups = new ArrayList<>();
        for (JsonNode group : Fields.optionalArray(server, "security_groups").orElse(JsonNodeFactory.instance.arrayNode())) {
            groups.add(Fields.requiredString(group, "name"));
        }
        List<BlockDevice> devices = blockDevices(server);
        if (imageRef.isEmpty() && devices.stream().noneMatch(BlockDevice::isBoot)) {
            throw OpenStackException.badRequest("Missing imageRef attribute");
        }
        int min = NovaSchema.positiveInt(server, "min_count", 1);
        int max = NovaSchema.positiveInt(server, "max_count", min);
        if (max < min) {
            throw OpenStackException.badRequest("min_count must be <= max_count");
        }
        String diskConfig = Fields.optionalString(server, "OS-DCF:diskConfig").orElse("MANUAL");
        if (!diskConfig.equals("AUTO") && !diskConfig.equals("MANUAL")) {
            throw NovaSchema.invalid("OS-DCF:diskConfig", diskConfig, "'" + diskConfig + "' is not one of ['AUTO', 'MANUAL']");
        }
        String description = null;
        if (server.has("description")) {
            if (!request.atLeast(19)) {
                throw NovaSchema.invalid("server", "description", "Additional properties are not allowed ('description' was unexpected)");
            }
            description = Fields.optionalString(server, "description").map(d -> Fields.checkLength("description", d, 0, 255)).orElse(null);
        }
        List<String> tags = List.of();
        if (server.has("tags")) {
            if (!request.atLeast(52)) {
                throw NovaSchema.invalid("server", "tags", "Additional properties are not allowed ('tags' was unexpected)");
            }
            tags = ServerTags.checked(Fields.stringList(server, "tags"));
        }
        String host = null;
        if (server.has("host") || server.has("hypervisor_hostname")) {
            if (!request.atLeast(74)) {
                throw NovaSchema.invalid("server", "host", "Additional properties are not allowed ('host' was unexpected)");
            }
            NovaPolicy.requireAdmin(request, "compute:servers:create:requested_destination");
            host = Fields.optionalString(server, "host").or(() -> Fields.optionalString(server, "hypervisor_hostname")).orElse(null);
        }
        return new ServerCreateRequest(name, imageRef, flavorRef, networks, zone,
                Fields.optionalString(server, "key_name").orElse(null), userData, metadata, List.copyOf(groups), devices,
                min, max, configDrive(server), Fields.optionalString(server, "adminPass").orElse(null),
                ip(server, "accessIPv4"), ip(server, "accessIPv6"), diskConfig.equals("AUTO"), description, tags,
                Fields.optionalBoolean(server, "return_reservation_id").orElse(false), host);
    }

    /** Nova accepts a bare id or a link ending in it. */
    private static String idFromHref(String ref) {
        String trimmed = ref.endsWith("/") ? ref.substring(0, ref.length() - 1) : ref;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static Networks networks(ObjectNode server, NovaRequest request) {
        JsonNode value = server.get("networks");
        if (value == null) {
            if (request.atLeast(37)) {
                throw NovaSchema.required("server", "networks");
            }
            return new Unspecified();
        }
        if (value.isTextual() && request.atLeast(37)) {
            return switch (value.textValue()) {
                case "auto" -> new Auto();
                case "none" -> new NoNetwork();
                default -> throw NovaSchema.invalid("networks", value.textValue(), "'" + value.textValue()
                        + "' is not one of ['none', 'auto']");
            };
        }
        if (!value.isArray()) {
            throw NovaSchema.invalid("networks", value.toString(), value + " is not of type 'array'");
        }
        List<Interface> interfaces = new ArrayList<>();
        for (JsonNode entry : value) {
            if (!entry.isObject()) {
                throw NovaSchema.invalid("networks", entry.toString(), entry + " is not of type 'object'");
            }
            for (String field : (Iterable<String>) entry::fieldNames) {
                if (!Set.of("uuid", "port", "fixed_ip", "tag").contains(field)) {
                    throw NovaSchema.invalid("networks", field, "Additional properties are not allowed ('" + field + "' was unexpected)");
                }
            }
            String network = Fields.optionalString(entry, "uuid").orElse(null);
            String port = Fields.optionalString(entry, "port").orElse(null);
            if (network == null && port == null) {
                throw OpenStackException.badRequest("Bad network format: missing 'uuid'");
            }
            if (port == null && !Ids.isUuid(network)) {
                throw OpenStackException.badRequest("Bad networks format: network uuid is not in proper format (" + network + ")");
            }
            if (port != null && !Ids.isUuid(port)) {
                throw NovaSchema.invalid("port", port, "'" + port + "' is not a 'uuid'");
            }
            interfaces.add(new Interface(port == null ? network : null, port,
                    Fields.optionalString(entry, "fixed_ip").orElse(null), Fields.optionalString(entry, "tag").orElse(null)));
        }
        return new Explicit(List.copyOf(interfaces));
    }

    private static String userData(ObjectNode server) {
        String data = Fields.optionalString(server, "user_data").orElse(null);
        if (data == null) {
            return null;
        }
        if (data.length() > MAX_USER_DATA) {
            throw NovaSchema.invalid("user_data", data, "is too long");
        }
        try {
            Base64.getDecoder().decode(data.replace("\n", "").replace("\r", "").getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw OpenStackException.badRequest("User data needs to be valid base 64.");
        }
        return data;
    }

    private static List<BlockDevice> blockDevices(ObjectNode server) {
        List<BlockDevice> devices = new ArrayList<>();
        for (JsonNode entry : Fields.optionalArray(server, "block_device_mapping_v2")
                .orElse(JsonNodeFactory.instance.arrayNode())) {
            if (!entry.isObject()) {
                throw NovaSchema.invalid("block_device_mapping_v2", entry.toString(), entry + " is not of type 'object'");
            }
            for (String field : (Iterable<String>) entry::fieldNames) {
                if (!BDM_ATTRIBUTES.contains(field)) {
                    throw NovaSchema.invalid("block_device_mapping_v2", field,
                            "Additional properties are not allowed ('" + field + "' was unexpected)");
                }
            }
            String source = Fields.optionalString(entry, "source_type").orElse("volume");
            String destination = Fields.optionalString(entry, "destination_type").orElse(source.equals("volume") ? "volume" : "local");
            if (!Set.of("volume", "image", "blank").contains(source)) {
                throw OpenStackException.badRequest("Block Device Mapping is Invalid: source_type " + source + " is not supported by this site.");
            }
            if (!destination.equals("volume") && !destination.equals("local")) {
                throw OpenStackException.badRequest("Block Device Mapping is Invalid: destination_type " + destination + " is invalid.");
            }
            String uuid = Fields.optionalString(entry, "uuid").or(() -> Fields.optionalString(entry, "volume_id")).orElse(null);
            if (!source.equals("blank") && uuid == null) {
                throw OpenStackException.badRequest("Block Device Mapping is Invalid: uuid must be set for source_type " + source + ".");
            }
            Integer size = NovaSchema.optionalInt(entry, "volume_size").orElse(null);
            if (destination.equals("volume") && !source.equals("volume") && (size == null || size < 1)) {
                throw OpenStackException.badRequest("Block Device Mapping is Invalid: You specified more local devices than the limit allows");
            }
            Integer bootIndex = NovaSchema.optionalInt(entry, "boot_index").orElse(null);
            devices.add(new BlockDevice(source, destination, uuid, size, bootIndex,
                    Fields.optionalBoolean(entry, "delete_on_termination").orElse(false),
                    Fields.optionalString(entry, "device_name").orElse(null), Fields.optionalString(entry, "tag").orElse(null)));
        }
        long boots = devices.stream().filter(BlockDevice::isBoot).count();
        if (boots > 1) {
            throw OpenStackException.badRequest("Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.");
        }
        return List.copyOf(devices);
    }

    private static boolean configDrive(ObjectNode server) {
        JsonNode value = server.get("config_drive");
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && Set.of("true", "false", "True", "False", "").contains(value.textValue())) {
            return value.textValue().equalsIgnoreCase("true");
        }
        throw NovaSchema.invalid("config_drive", value.toString(), value + " is not of type 'boolean', 'string'");
    }

    private static String ip(ObjectNode server, String field) {
        return Fields.optionalString(server, field).orElse(null);
    }
}
