package io.cascadia.api.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.image.Image;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import java.util.Map;
import java.util.TreeMap;

/** Glance v2 image JSON: the core attributes (null until known) with the additional properties beside them. */
final class ImageViews {
    private ImageViews() {
    }

    static ObjectNode image(Image image) {
        ObjectNode node = Json.object();
        for (Map.Entry<String, String> property : new TreeMap<>(image.properties()).entrySet()) {
            node.put(property.getKey(), property.getValue());
        }
        node.put("id", image.id())
                .put("name", image.name())
                .put("status", image.status())
                .put("visibility", image.visibility())
                .put("protected", image.isProtected())
                .put("os_hidden", false)
                .put("owner", image.ownerProjectId())
                .put("disk_format", image.diskFormat())
                .put("container_format", image.containerFormat())
                .put("min_disk", image.minDisk())
                .put("min_ram", image.minRam());
        if (image.sizeBytes() == null) {
            node.putNull("size");
        } else {
            node.put("size", image.sizeBytes());
        }
        node.putNull("virtual_size")
                .put("checksum", image.checksum())
                .put("os_hash_algo", image.hashAlgo())
                .put("os_hash_value", image.hashValue());
        ArrayNode tags = node.putArray("tags");
        image.tags().forEach(tags::add);
        node.put("created_at", Timestamps.seconds(image.createdAt()))
                .put("updated_at", Timestamps.seconds(image.updatedAt()))
                .put("self", "/v2/images/" + image.id())
                .put("file", "/v2/images/" + image.id() + "/file")
                .put("schema", "/v2/schemas/image");
        return node;
    }
}
