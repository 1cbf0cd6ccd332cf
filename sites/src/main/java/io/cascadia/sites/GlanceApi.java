package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Glance v2 of one site, acting in one project. */
public final class GlanceApi {
    private final ServiceCalls calls;

    GlanceApi(ServiceCalls calls) {
        this.calls = calls;
    }

    /** Creates an image record (Glance takes the attributes at the top level of the body). */
    public JsonNode createImage(ObjectNode image) {
        return calls.post("/images", image);
    }

    public Optional<JsonNode> image(String id) {
        return calls.find(Paths.of("images", id));
    }

    public List<JsonNode> imagesNamed(String name) {
        List<JsonNode> images = new ArrayList<>();
        calls.get(Queries.of().with("name", name).on("/images")).path("images").forEach(images::add);
        return images;
    }

    /**
     * Uploads the image data, streamed from {@code data} as it is read (chunked), never held whole in memory. The
     * supplier is asked again for a fresh stream when the upload has to be sent again.
     */
    public void upload(String imageId, Supplier<InputStream> data) {
        calls.sendStreamed("PUT", Paths.of("images", imageId, "file"), HttpRequest.BodyPublishers.ofInputStream(data),
                Map.of("Content-Type", "application/octet-stream"));
    }

    public boolean deleteImage(String id) {
        return calls.delete(Paths.of("images", id));
    }
}
