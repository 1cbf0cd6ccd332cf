package io.cascadia.emulator.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;

/** Glance's JSON for an image: custom properties at the top level next to the image attributes, links relative. */
final class ImageViews {
    private ImageViews() {
    }

    static ObjectNode view(Image image) {
        ObjectNode node = Json.object();
        image.properties().forEach(node::put);
        node.put("name", image.name())
                .put("disk_format", image.diskFormat())
                .put("container_format", image.containerFormat())
                .put("visibility", image.visibility());
        if (image.data() == null) {
            node.putNull("size");
        } else {
            node.put("size", image.data().length);
        }
        node.putNull("virtual_size")
                .put("status", image.status())
                .put("checksum", image.checksum())
                .put("protected", image.protectedImage())
                .put("min_ram", image.minRam())
                .put("min_disk", image.minDisk())
                .put("owner", image.owner())
                .put("os_hidden", image.hidden())
                .put("os_hash_algo", image.hashValue() == null ? null : "sha512")
                .put("os_hash_value", image.hashValue())
                .put("id", image.id())
                .put("created_at", Timestamps.seconds(image.createdAt()))
                .put("updated_at", Timestamps.seconds(image.updatedAt()));
        ArrayNode tags = node.putArray("tags");
        image.tags().forEach(tags::add);
        node.put("self", "/v2/images/" + image.id())
                .put("file", "/v2/images/" + image.id() + "/file")
                .put("schema", "/v2/schemas/image");
        return node;
    }
}
