package io.cascadia.api.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.image.Image;
import io.cascadia.web.AuthContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Glance's JSON-patch of an image ({@code add}, {@code replace}, {@code remove} on {@code /<attribute>}), applied
 * to a copy; nothing is stored until every operation has been accepted.
 */
final class ImagePatch {
    private final Image original;
    private String name;
    private String visibility;
    private boolean isProtected;
    private String diskFormat;
    private String containerFormat;
    private int minDisk;
    private int minRam;
    private List<String> tags;
    private final Map<String, String> properties;

    ImagePatch(Image image) {
        this.original = image;
        this.name = image.name();
        this.visibility = image.visibility();
        this.isProtected = image.isProtected();
        this.diskFormat = image.diskFormat();
        this.containerFormat = image.containerFormat();
        this.minDisk = image.minDisk();
        this.minRam = image.minRam();
        this.tags = image.tags();
        this.properties = new LinkedHashMap<>(image.properties());
    }

    void apply(AuthContext auth, JsonNode op) {
        if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
            throw Glance.badRequest("Operation objects must contain exactly one member named \"op\" and one named \"path\".");
        }
        String kind = op.get("op").textValue();
        if (!kind.equals("add") && !kind.equals("replace") && !kind.equals("remove")) {
            throw Glance.badRequest("Operation objects must contain exactly one member named \"add\", \"remove\", or \"replace\".");
        }
        String path = op.get("path").textValue();
        if (!path.startsWith("/") || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw Glance.badRequest("Unable to find '" + Glance.show(path) + "' in JSON Schema change");
        }
        String attribute = path.substring(1);
        boolean remove = kind.equals("remove");
        JsonNode value = op.get("value");
        if (!remove && value == null) {
            throw Glance.badRequest("Operation \"" + kind + "\" requires a member named \"value\".");
        }
        JsonNode holder = io.cascadia.core.json.Json.object().set(attribute, value);
        switch (attribute) {
            case "name" -> name = remove ? null : ImageHandlers.text(holder, attribute, 255);
            case "visibility" -> visibility = ImageHandlers.visibility(auth, remove ? null : ImageHandlers.text(holder, attribute, 16), "shared");
            case "protected" -> isProtected = !remove && ImageHandlers.bool(holder, attribute, false);
            case "min_disk" -> minDisk = remove ? 0 : ImageHandlers.number(holder, attribute, 0);
            case "min_ram" -> minRam = remove ? 0 : ImageHandlers.number(holder, attribute, 0);
            case "tags" -> tags = remove ? List.of() : ImageHandlers.tags(value);
            case "disk_format", "container_format" -> {
                if (!original.status().equals("queued")) {
                    throw Glance.forbidden("Attribute " + attribute + " can be only replaced for a queued image.");
                }
                String format = remove ? null : ImageHandlers.text(holder, attribute, 255);
                if (attribute.equals("disk_format")) {
                    diskFormat = format;
                } else {
                    containerFormat = format;
                }
            }
            case "id", "owner", "os_hidden" -> throw Glance.forbidden("Attribute '" + attribute + "' is read-only.");
            default -> {
                ImageHandlers.property(attribute);
                if (remove) {
                    if (properties.remove(attribute) == null) {
                        throw io.cascadia.core.error.OpenStackException.conflict("Property " + Glance.show(attribute) + " does not exist.");
                    }
                } else {
                    properties.put(attribute, ImageHandlers.propertyValue(value));
                }
            }
        }
    }

    Image result(Instant now) {
        return new Image(original.id(), original.ownerProjectId(), name, original.status(), visibility, isProtected, diskFormat,
                containerFormat, minDisk, minRam, original.sizeBytes(), original.checksum(), original.hashAlgo(),
                original.hashValue(), tags, properties, original.createdAt(), now);
    }
}
