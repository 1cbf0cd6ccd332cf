package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Optional;

/** Nova of one site, acting in one project, at the microversion negotiated with the site. */
public final class NovaApi {
    private final ServiceCalls calls;

    NovaApi(ServiceCalls calls) {
        this.calls = calls;
    }

    /** Creates a server from a {@code {"server": {...}}} body's inner object; returns the server as Nova answers. */
    public JsonNode createServer(ObjectNode server) {
        ObjectNode body = Json.object();
        body.set("server", server);
        return calls.post("/servers", body).path("server");
    }

    public Optional<JsonNode> server(String id) {
        return calls.find(Paths.of("servers", id)).map(n -> n.path("server"));
    }

    /** Servers (of every project when {@code allProjects}) named exactly {@code name}; deleted ones are not listed. */
    public List<JsonNode> serversNamed(String name, boolean allProjects) {
        JsonNode page = calls.get(Queries.of()
                .with("name", Queries.exactNameRegex(name))
                .with("all_tenants", allProjects ? "1" : null)
                .on("/servers/detail"));
        List<JsonNode> servers = new ArrayList<>();
        page.path("servers").forEach(servers::add);
        return servers;
    }

    /**
     * One page of servers changed at or after {@code since} (deleted ones included, as Nova lists them with
     * changes-since), oldest change first is not guaranteed: callers take the page's max {@code updated}.
     */
    public Page serversChangedSince(Instant since, String marker, int limit, boolean allProjects) {
        JsonNode page = calls.get(Queries.of()
                .with("changes-since", since == null ? null : Timestamps.micros(since))
                .with("all_tenants", allProjects ? "1" : null)
                .with("limit", limit)
                .with("marker", marker)
                .with("sort_key", "created_at")
                .on("/servers/detail"));
        List<JsonNode> servers = new ArrayList<>();
        page.path("servers").forEach(servers::add);
        boolean more = page.has("servers_links") && servers.size() >= limit;
        return new Page(List.copyOf(servers), more && !servers.isEmpty() ? servers.getLast().path("id").asText() : null);
    }

    /** Deletes a server; false when it was already gone. */
    public boolean deleteServer(String id) {
        return calls.delete(Paths.of("servers", id));
    }

    /** Runs a server action such as {@code {"os-stop": null}}. */
    public void action(String serverId, ObjectNode action) {
        calls.send("POST", Paths.of("servers", serverId, "action"), Json.writeBytes(action));
    }

    public void updateServer(String serverId, ObjectNode server) {
        ObjectNode body = Json.object();
        body.set("server", server);
        calls.put(Paths.of("servers", serverId), body);
    }

    public void setMetadata(String serverId, ObjectNode metadata) {
        ObjectNode body = Json.object();
        body.set("metadata", metadata);
        calls.put(Paths.of("servers", serverId, "metadata"), body);
    }

    public List<JsonNode> flavors() {
        List<JsonNode> flavors = new ArrayList<>();
        calls.get("/flavors/detail?is_public=None").path("flavors").forEach(flavors::add);
        return flavors;
    }

    public Optional<JsonNode> flavor(String id) {
        return calls.find(Paths.of("flavors", id)).map(n -> n.path("flavor"));
    }

    public JsonNode createFlavor(ObjectNode flavor) {
        ObjectNode body = Json.object();
        body.set("flavor", flavor);
        return calls.post("/flavors", body).path("flavor");
    }

    public boolean deleteFlavor(String id) {
        return calls.delete(Paths.of("flavors", id));
    }

    public Map<String, String> flavorExtraSpecs(String flavorId) {
        Map<String, String> specs = new TreeMap<>();
        calls.get(Paths.of("flavors", flavorId, "os-extra_specs")).path("extra_specs").properties()
                .forEach(e -> specs.put(e.getKey(), e.getValue().asText()));
        return specs;
    }

    /** Adds or changes extra specs of a flavor (administrators). */
    public void setFlavorExtraSpecs(String flavorId, Map<String, String> specs) {
        ObjectNode body = Json.object();
        ObjectNode extra = body.putObject("extra_specs");
        specs.forEach(extra::put);
        calls.post(Paths.of("flavors", flavorId, "os-extra_specs"), body);
    }

    public boolean deleteFlavorExtraSpec(String flavorId, String key) {
        return calls.delete(Paths.of("flavors", flavorId, "os-extra_specs", key));
    }

    /** The projects given access to a private flavor. */
    public Set<String> flavorAccess(String flavorId) {
        Set<String> projects = new TreeSet<>();
        calls.get(Paths.of("flavors", flavorId, "os-flavor-access")).path("flavor_access")
                .forEach(a -> projects.add(a.path("tenant_id").asText()));
        return projects;
    }

    /** Gives ({@code add}) or takes away a project's access to a private flavor. */
    public void changeFlavorAccess(String flavorId, String projectId, boolean add) {
        ObjectNode body = Json.object();
        body.putObject(add ? "addTenantAccess" : "removeTenantAccess").put("tenant", projectId);
        calls.post(Paths.of("flavors", flavorId, "action"), body);
    }

    public Optional<JsonNode> keypair(String name) {
        return calls.find(Paths.of("os-keypairs", name)).map(n -> n.path("keypair"));
    }

    public JsonNode importKeypair(String name, String publicKey) {
        ObjectNode body = Json.object();
        body.putObject("keypair").put("name", name).put("public_key", publicKey);
        return calls.post("/os-keypairs", body).path("keypair");
    }

    public boolean deleteKeypair(String name) {
        return calls.delete(Paths.of("os-keypairs", name));
    }

    /** Availability zones with their state, as {@code os-availability-zone} lists them. */
    public List<JsonNode> availabilityZones() {
        List<JsonNode> zones = new ArrayList<>();
        calls.get("/os-availability-zone").path("availabilityZoneInfo").forEach(zones::add);
        return zones;
    }

    /** Every hypervisor with its capacity ({@code os-hypervisors/detail}); needs an admin token. */
    public List<JsonNode> hypervisors() {
        List<JsonNode> hypervisors = new ArrayList<>();
        calls.get("/os-hypervisors/detail").path("hypervisors").forEach(hypervisors::add);
        return hypervisors;
    }

    /** Attaches a volume to a server, at {@code device} when not null; returns the attachment as Nova answers. */
    public JsonNode attachVolume(String serverId, String volumeId, String device) {
        ObjectNode body = Json.object();
        ObjectNode attachment = body.putObject("volumeAttachment").put("volumeId", volumeId);
        if (device != null) {
            attachment.put("device", device);
        }
        return calls.post(Paths.of("servers", serverId, "os-volume_attachments"), body).path("volumeAttachment");
    }

    public boolean detachVolume(String serverId, String volumeId) {
        return calls.delete(Paths.of("servers", serverId, "os-volume_attachments", volumeId));
    }
}
