package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Neutron v2.0 of one site, acting in one project. */
public final class NeutronApi {
    private final ServiceCalls calls;

    NeutronApi(ServiceCalls calls) {
        this.calls = calls;
    }

    public JsonNode create(String resource, ObjectNode attributes) {
        ObjectNode body = Json.object();
        body.set(resource, attributes);
        return calls.post("/" + resource + "s", body).path(resource);
    }

    /** Creates several resources in one call (Neutron's bulk create: all or none); returns them in request order. */
    public List<JsonNode> createAll(String resource, List<ObjectNode> items) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray(resource + "s");
        items.forEach(array::add);
        List<JsonNode> created = new ArrayList<>();
        calls.post("/" + resource + "s", body).path(resource + "s").forEach(created::add);
        return created;
    }

    public Optional<JsonNode> find(String resource, String id) {
        return calls.find(Paths.of(resource + "s", id)).map(n -> n.path(resource));
    }

    public JsonNode update(String resource, String id, ObjectNode attributes) {
        ObjectNode body = Json.object();
        body.set(resource, attributes);
        return calls.put(Paths.of(resource + "s", id), body).path(resource);
    }

    /** Deletes a resource; false when it was already gone. */
    public boolean delete(String resource, String id) {
        return calls.delete(Paths.of(resource + "s", id));
    }

    /** Resources of a kind matching the filters, e.g. {@code list("port", "device_id", serverId)}. */
    public List<JsonNode> list(String resource, String... filters) {
        Queries query = Queries.of();
        for (int i = 0; i + 1 < filters.length; i += 2) {
            query.with(filters[i], filters[i + 1]);
        }
        List<JsonNode> items = new ArrayList<>();
        calls.get(query.on("/" + resource + "s")).path(resource + "s").forEach(items::add);
        return items;
    }

    /** Adds a tag such as {@code cascadia_top_id=<id>} to a network, subnet, port or router. */
    public void tag(String resource, String id, String tag) {
        calls.send("PUT", Paths.of(resource + "s", id, "tags", tag), null);
    }

    /** The ports with these ids that exist, asked for a hundred at a time ({@code ?id=a&id=b}). */
    public List<JsonNode> portsWithIds(List<String> ids) {
        List<JsonNode> ports = new ArrayList<>();
        for (int start = 0; start < ids.size(); start += 100) {
            Queries query = Queries.of();
            ids.subList(start, Math.min(ids.size(), start + 100)).forEach(id -> query.with("id", id));
            calls.get(query.on("/ports")).path("ports").forEach(ports::add);
        }
        return ports;
    }

    public List<JsonNode> agents() {
        List<JsonNode> agents = new ArrayList<>();
        calls.get("/agents").path("agents").forEach(agents::add);
        return agents;
    }

    public JsonNode addRouterInterface(String routerId, String subnetId) {
        ObjectNode body = Json.object().put("subnet_id", subnetId);
        return calls.put(Paths.of("routers", routerId, "add_router_interface"), body);
    }

    public JsonNode removeRouterInterface(String routerId, String subnetId) {
        ObjectNode body = Json.object().put("subnet_id", subnetId);
        return calls.put(Paths.of("routers", routerId, "remove_router_interface"), body);
    }
}
