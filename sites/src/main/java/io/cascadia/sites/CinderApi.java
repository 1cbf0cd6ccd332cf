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
        return calls.find("/volumes/" + id).map(n -> n.path("volume"));
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

    public boolean deleteVolume(String id) {
        return calls.delete("/volumes/" + id);
    }

    public void action(String volumeId, ObjectNode action) {
        calls.send("POST", "/volumes/" + volumeId + "/action", Json.writeBytes(action));
    }

    public void updateVolume(String volumeId, ObjectNode volume) {
        ObjectNode body = Json.object();
        body.set("volume", volume);
        calls.put("/volumes/" + volumeId, body);
    }
}
