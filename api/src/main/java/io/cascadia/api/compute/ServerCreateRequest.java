package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.network.SecurityGroup;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server create's body, read once at the edge as Nova's schema reads it (the microversion's rules applied): every
 * field checked, nothing looked up. {@link ServerService} resolves what it names (flavor, image, networks, ports,
 * keypair, zone, root volume) and creates.
 *
 * @param imageId       the image to boot from, or null when the server boots from {@code root}
 * @param root          the volume to boot from ({@code block_device_mapping_v2}), or null
 * @param networks      the networks and ports asked for, or null for Nova's choice (no {@code networks} before 2.37,
 *                      or {@code auto})
 * @param zone          the availability zone asked for, without a {@code :host} part, or null
 * @param count         how many servers ({@code max_count}, else {@code min_count}, else 1)
 * @param adminPass     the password asked for, or null to generate one
 */
record ServerCreateRequest(String name, String flavorId, String imageId, RootVolume root, List<NetworkRequest> networks,
                           String keyName, String zone, Map<String, String> metadata, List<String> securityGroupNames,
                           int count, String description, List<String> tags, String adminPass, String accessIpv4,
                           String accessIpv6, boolean configDrive, String userData, boolean returnReservationId) {

    /** One entry of {@code networks}: a network (with an optional fixed address) or an existing port. */
    record NetworkRequest(String networkId, String portId, String fixedIp) {
    }

    /** The volume a server boots from and whether it goes with the server. */
    record RootVolume(String volumeId, boolean deleteOnTermination) {
    }

    static ServerCreateRequest parse(ComputeContext c, ObjectNode body) {
        String name = Nova.name(body, "name");
        if (name == null) {
            throw missing("name");
        }
        String flavorId = flavorId(body);
        RootVolume root = root(body);
        String imageId = root == null ? imageId(body) : null;
        List<NetworkRequest> networks = networks(c, body);
        String keyName = Nova.string(body, "key_name", 1, 255);
        String zone = zone(body);
        Map<String, String> metadata = Metadata.read(body, "metadata");
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
        if (count > 1 && networks != null && networks.stream().anyMatch(r -> r.portId() != null)) {
            throw OpenStackException.badRequest("Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.");
        }
        String description = c.atLeast(19) ? Nova.nullableString(body, "description", 255) : null;
        List<String> tags = c.atLeast(52) ? tags(body) : List.of();
        String adminPass = Nova.string(body, "adminPass", 0, 255);
        String accessIpv4 = Nova.string(body, "accessIPv4", 0, 64);
        String accessIpv6 = Nova.string(body, "accessIPv6", 0, 64);
        boolean configDrive = Optional.ofNullable(Nova.bool(body, "config_drive")).orElse(false);
        String userData = userData(body);
        boolean returnReservationId = Boolean.TRUE.equals(Nova.bool(body, "return_reservation_id"));
        return new ServerCreateRequest(name, flavorId, imageId, root, networks, keyName, zone, metadata, groupNames, count,
                description, tags, adminPass, accessIpv4, accessIpv6, configDrive, userData, returnReservationId);
    }

    private static String flavorId(JsonNode body) {
        String ref = Nova.string(body, "flavorRef", 1, 1024);
        if (ref == null) {
            throw missing("flavorRef");
        }
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static String imageId(JsonNode body) {
        String ref = Nova.string(body, "imageRef", 0, 1024);
        if (ref == null || ref.isEmpty()) {
            throw OpenStackException.badRequest("Can not find requested image");
        }
        String id = ref.substring(ref.lastIndexOf('/') + 1);
        if (!Ids.isUuid(id)) {
            throw OpenStackException.badRequest("Invalid imageRef provided.");
        }
        return id;
    }

    /** {@code block_device_mapping_v2}: Cascadia boots from one existing volume, at boot index 0, or from an image. */
    private static RootVolume root(JsonNode body) {
        JsonNode mappings = body.get("block_device_mapping_v2");
        if (body.has("block_device_mapping")) {
            throw OpenStackException.badRequest("Cascadia takes block_device_mapping_v2 only: give the root volume there.");
        }
        if (mappings == null || mappings.isNull()) {
            return null;
        }
        if (!mappings.isArray()) {
            throw Nova.invalid("block_device_mapping_v2", mappings, "is not of type 'array'");
        }
        if (mappings.isEmpty()) {
            return null;
        }
        if (mappings.size() > 1) {
            throw OpenStackException.badRequest("Cascadia boots a server from one volume (boot_index 0) only: attach more volumes"
                    + " once the server is active.");
        }
        JsonNode mapping = mappings.get(0);
        if (!mapping.isObject()) {
            throw Nova.invalid("block_device_mapping_v2", mapping, "is not of type 'object'");
        }
        String source = Nova.string(mapping, "source_type", 1, 255);
        String destination = Nova.string(mapping, "destination_type", 1, 255);
        String bootIndex = mapping.path("boot_index").asText("");
        if (!"volume".equals(source) || (destination != null && !destination.equals("volume")) || !bootIndex.equals("0")) {
            throw OpenStackException.badRequest("Cascadia boots from an existing volume only: block_device_mapping_v2 needs"
                    + " source_type volume, destination_type volume and boot_index 0.");
        }
        String id = Nova.string(mapping, "uuid", 1, 255);
        if (id == null) {
            throw OpenStackException.badRequest("Block Device Mapping is Invalid: Missing device UUID.");
        }
        return new RootVolume(id, Boolean.TRUE.equals(Nova.bool(mapping, "delete_on_termination")));
    }

    private static List<NetworkRequest> networks(ComputeContext c, JsonNode body) {
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
        return List.copyOf(requests);
    }

    private static String zone(JsonNode body) {
        String zone = Nova.string(body, "availability_zone", 1, 255);
        return zone == null ? null : zone.contains(":") ? zone.substring(0, zone.indexOf(':')) : zone;
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
        return List.copyOf(names);
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
        return List.copyOf(tags);
    }

    /** {@code user_data}: base64 of at most 65535 characters, as Nova accepts it. */
    private static String userData(JsonNode body) {
        String text = Nova.string(body, "user_data", 0, 65535);
        if (text == null) {
            return null;
        }
        try {
            Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw Nova.invalid("user_data", body.get("user_data"), "is not a 'base64'");
        }
        return text;
    }

    private static OpenStackException missing(String field) {
        return OpenStackException.badRequest("Invalid input for field/attribute server. Value: {...}. '" + field
                + "' is a required property");
    }
}
