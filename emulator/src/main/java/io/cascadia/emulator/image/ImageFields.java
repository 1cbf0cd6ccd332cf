package io.cascadia.emulator.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.web.AuthContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reading image attributes as Glance's image schema checks them: visibility (only administrators publish),
 * formats, integers, tags, and custom properties, which must be strings of at most 255 characters.
 */
final class ImageFields {
    static final Set<String> VISIBILITIES = Set.of("public", "private", "shared", "community");
    static final Set<String> CONTAINER_FORMATS = Set.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");
    static final Set<String> DISK_FORMATS = Set.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi",
            "iso", "ploop");

    private ImageFields() {
    }

    static void checkVisibility(AuthContext auth, String visibility) {
        if (!VISIBILITIES.contains(visibility)) {
            throw badRequest("Provided object does not match schema 'image': '" + shorten(visibility)
                    + "' is not one of ['community', 'public', 'private', 'shared']");
        }
        if (visibility.equals("public") && !auth.isAdmin()) {
            throw new OpenStackException(ErrorKind.FORBIDDEN, "You are not authorized to complete publicize_image action.");
        }
    }

    static boolean isCoreAttribute(String key) {
        return Set.of("id", "name", "visibility", "protected", "os_hidden", "owner", "container_format", "disk_format",
                "min_disk", "min_ram", "tags").contains(key);
    }

    static String propertyValue(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw badRequest("Provided object does not match schema 'image': " + shorten(value.toString())
                    + " is not of type 'string' (property " + shorten(key) + ")");
        }
        if (value.textValue().length() > 255) {
            throw badRequest("Provided object does not match schema 'image': property " + shorten(key) + " is too long");
        }
        return value.textValue();
    }

    static Optional<String> string(ObjectNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().length() > 255) {
            throw badRequest("Provided object does not match schema 'image': " + shorten(value.toString())
                    + " is not a valid value for '" + key + "'");
        }
        return Optional.of(value.textValue());
    }

    static boolean bool(ObjectNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw badRequest("Provided object does not match schema 'image': " + shorten(value.toString())
                    + " is not of type 'boolean' (" + key + ")");
        }
        return value.booleanValue();
    }

    static int integer(ObjectNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw badRequest("Provided object does not match schema 'image': " + shorten(value.toString())
                    + " is not a valid value for '" + key + "'");
        }
        return value.intValue();
    }

    static String format(ObjectNode body, String key, Set<String> allowed) {
        String value = string(body, key).orElse(null);
        if (value != null && !allowed.contains(value)) {
            throw badRequest("Invalid value '" + shorten(value) + "' for parameter '" + key + "'.");
        }
        return value;
    }

    static List<String> tags(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw badRequest("Provided object does not match schema 'image': tags is not of type 'array'");
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual() || tag.textValue().length() > 255) {
                throw badRequest("Provided object does not match schema 'image': " + shorten(tag.toString()) + " is not a valid tag");
            }
            tags.add(tag.textValue());
        }
        return List.copyOf(tags);
    }

    static OpenStackException badRequest(String message) {
        return OpenStackException.badRequest(message);
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
