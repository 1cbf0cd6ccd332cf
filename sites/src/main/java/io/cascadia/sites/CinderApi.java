package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Cinder v3 of one site, acting in one project (the project is in the catalog URL). */
public final class CinderApi {
    private final ServiceCalls calls;

    CinderApi(ServiceCalls calls) {
        this.calls = calls;
    }

    public JsonNode createVolume(ObjectNode volume) {
        ObjectNode body = Json.object();
        body.set("volume", volume);
        return calls.post("/volumes", body).path("volume");
    }

    public Optional<JsonNode> volume(String id) {
        return calls.find(Paths.of("volumes", id)).map(n -> n.path("volume"));
    }

    public List<JsonNode> volumesNamed(String name) {
        List<JsonNode> volumes = new ArrayList<>();
        calls.get(Queries.of().with("name", name).on("/volumes/detail")).path("volumes").forEach(volumes::add);
        return volumes;
    }

    public List<JsonNode> volumes(boolean allProjects) {
        List<JsonNode> volumes = new ArrayList<>();
        calls.get(Queries.of().with("all_tenants", allProjects ? "1" : null).on("/volumes/detail")).path("volumes")
                .forEach(volumes::add);
        return volumes;
    }

    /**
     * One page of volumes (of every project when {@code allProjects}), most recently updated first, and the marker
     * of the next page (null when it was the last).
     */
    public Page volumesByUpdate(String marker, int limit, boolean allProjects) {
        JsonNode page = calls.get(Queries.of()
                .with("all_tenants", allProjects ? "1" : null)
                .with("sort_key", "updated_at")
                .with("sort_dir", "desc")
                .with("limit", limit)
                .with("marker", marker)
                .on("/volumes/detail"));
        List<JsonNode> volumes = new ArrayList<>();
        page.path("volumes").forEach(volumes::add);
        boolean more = page.has("volumes_links") && volumes.size() >= limit;
        return new Page(List.copyOf(volumes), more ? volumes.getLast().path("id").asText() : null);
    }

    public boolean deleteVolume(String id) {
        return calls.delete(Paths.of("volumes", id));
    }

    public void action(String volumeId, ObjectNode action) {
        calls.send("POST", Paths.of("volumes", volumeId, "action"), Json.writeBytes(action));
    }

    /** Grows an available volume to {@code newSize} GiB ({@code os-extend}). */
    public void extend(String volumeId, int newSize) {
        ObjectNode action = Json.object();
        action.putObject("os-extend").put("new_size", newSize);
        action(volumeId, action);
    }

    /** Every volume type the caller sees (all of them, with extra specs, for an administrator). */
    public List<JsonNode> types() {
        List<JsonNode> types = new ArrayList<>();
        calls.get("/types").path("volume_types").forEach(types::add);
        return types;
    }

    /** Creates a volume type (administrators); returns it as Cinder answers. */
    public JsonNode createType(ObjectNode type) {
        ObjectNode body = Json.object();
        body.set("volume_type", type);
        return calls.post("/types", body).path("volume_type");
    }

    public boolean deleteType(String id) {
        return calls.delete(Paths.of("types", id));
    }

    public void updateVolume(String volumeId, ObjectNode volume) {
        ObjectNode body = Json.object();
        body.set("volume", volume);
        calls.put(Paths.of("volumes", volumeId), body);
    }
}
