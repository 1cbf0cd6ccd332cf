package io.cascadia.app.realsites;

import com.fasterxml.jackson.databind.JsonNode;
import static io.cascadia.app.cloud.TestCloud.ok;

import io.cascadia.app.Settings;
import io.cascadia.core.json.Json;
import io.cascadia.testkit.WireClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two real OpenStack regions sharing one Keystone, as {@code scripts/real-sites/start.sh} describes them in its
 * {@code sites.json}, named by {@code CASCADIA_SITES_JSON}. The tests using them are tagged {@code real-sites} and
 * run through {@code ./cascadia test} (as root) or {@code ./cascadia test --real-sites}, which install and start the
 * regions first; without the file they fail.
 */
record RealSites(JsonNode doc, Path directory) {
    static RealSites get() {
        String file = System.getenv("CASCADIA_SITES_JSON");
        if (file == null || !Files.isReadable(Path.of(file))) {
            throw new IllegalStateException("no real OpenStack regions: CASCADIA_SITES_JSON names no sites.json"
                    + " (./cascadia test --real-sites starts them)");
        }
        try {
            return new RealSites(Json.read(Files.readString(Path.of(file))), Path.of(file).toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String keystoneUrl() {
        return doc.at("/keystone/auth_url").asText();
    }

    String adminPassword() {
        return doc.at("/admin/password").asText();
    }

    String serviceUser() {
        return doc.at("/cascadia/username").asText();
    }

    String servicePassword() {
        return doc.at("/cascadia/password").asText();
    }

    List<String> regions() {
        List<String> regions = new ArrayList<>();
        doc.path("regions").fieldNames().forEachRemaining(regions::add);
        return regions.stream().sorted().toList();
    }

    String zone(String region) {
        return doc.at("/regions/" + region + "/availability_zone").asText();
    }

    /**
     * Settings of a Cascadia in external identity mode in front of the regions, their zones seen as {@code zone1} and
     * {@code zone2}, polling fast, with its own VNIs: a test class that failed midway leaves its networks in the
     * regions, and a region refuses a VNI in use (the known gap "a site that refuses the VNI fails the build").
     */
    Settings cascadiaInFront(String vniRange) {
        Settings settings = Settings.empty()
                .with("server.port", 0)
                .with("identity.mode", "external")
                .with("identity.keystone-url", keystoneUrl())
                .with("identity.service-user", serviceUser())
                .with("identity.service-password", servicePassword())
                .with("sites.regions", String.join(",", regions()))
                .with("poll.interval", "500ms")
                .with("poll.full-resync", "5s")
                .with("poll.orphan-grace", "2s")
                .with("l2.vni-range", vniRange);
        for (int i = 0; i < regions().size(); i++) {
            settings.with("sites." + regions().get(i) + ".az-map", zone(regions().get(i)) + "=zone" + (i + 1));
        }
        return settings;
    }

    /** The region's endpoint of a service type ({@code compute}, {@code network}, {@code image}), as cataloged. */
    WireClient endpoint(String region, String type) {
        return endpoint(region, type, "");
    }

    /** The region's endpoint of a service type for a project ({@code volumev3} names it in its path). */
    WireClient endpoint(String region, String type, String projectId) {
        String url = doc.at("/regions/" + region + "/endpoints/" + type).asText();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("no " + type + " endpoint in " + region);
        }
        return new WireClient(url.replace("%(project_id)s", projectId).replaceAll("/+$", ""));
    }

    /** The id of a project of the Default domain, by name. */
    String projectId(String name) {
        return keystone().get("/projects?name=" + name, asAdmin()).json().at("/projects/0/id").asText();
    }

    /** The real Keystone shared by the regions (and by Cascadia in external mode). */
    WireClient keystone() {
        return new WireClient(keystoneUrl());
    }

    /** Headers with a token scoped to the project, from the real Keystone. */
    Map<String, String> token(String user, String password, String project) {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s", "domain": {"name": "Default"},
                 "password": "%s"}}}, "scope": {"project": {"name": "%s", "domain": {"name": "Default"}}}}}"""
                .formatted(user, password, project);
        WireClient.Answer answer = keystone().send("POST", "/auth/tokens", Map.of(), body);
        return Map.of("X-Auth-Token", answer.header("X-Subject-Token")
                .orElseThrow(() -> new AssertionError("no token for " + user + ": HTTP " + answer.status() + " " + answer.text())));
    }

    Map<String, String> asAdmin() {
        return token("admin", adminPassword(), "admin");
    }

    /** Makes (or finds) the project and a user with the member role in it, at the real Keystone; returns the project id. */
    String ensureMember(String project, String user, String password) {
        Map<String, String> admin = asAdmin();
        WireClient keystone = keystone();
        String projectId = ensure(keystone, admin, "projects", "project",
                "{\"project\": {\"name\": \"%s\", \"domain_id\": \"default\"}}".formatted(project), project);
        String userId = ensure(keystone, admin, "users", "user",
                "{\"user\": {\"name\": \"%s\", \"domain_id\": \"default\", \"password\": \"%s\", \"default_project_id\": \"%s\"}}"
                        .formatted(user, password, projectId), user);
        String roleId = keystone.get("/roles?name=member", admin).json().at("/roles/0/id").asText();
        int status = keystone.send("PUT", "/projects/" + projectId + "/users/" + userId + "/roles/" + roleId, admin, null).status();
        if (status != 204) {
            throw new AssertionError("member role for " + user + " in " + project + ": HTTP " + status);
        }
        return projectId;
    }

    private static String ensure(WireClient keystone, Map<String, String> admin, String collection, String kind, String body,
                                 String name) {
        WireClient.Answer created = keystone.send("POST", "/" + collection, admin, body);
        if (created.status() == 201) {
            return created.json().at("/" + kind + "/id").asText();
        }
        JsonNode existing = keystone.get("/" + collection + "?name=" + name, admin).json().path(collection).path(0);
        if (created.status() != 409 || existing.isMissingNode()) {
            throw new AssertionError(kind + " " + name + ": HTTP " + created.status() + " " + created.text());
        }
        return existing.path("id").asText();
    }

    /**
     * The names of what the region holds, of every kind Cascadia copies there, that end in {@code @<top id>} for one
     * of the ids: Cascadia's copies of those top resources left in the region.
     */
    List<String> copiesLeft(String region, Map<String, String> admin, List<String> topIds) {
        List<JsonNode> items = new ArrayList<>();
        ok(endpoint(region, "compute").get("/servers/detail?all_tenants=1", admin)).path("servers").forEach(items::add);
        ok(endpoint(region, "compute").get("/flavors/detail?is_public=None", admin)).path("flavors").forEach(items::add);
        ok(endpoint(region, "volumev3", projectId("admin")).get("/volumes/detail?all_tenants=1", admin)).path("volumes")
                .forEach(items::add);
        ok(endpoint(region, "image").get("/v2/images?limit=1000", admin)).path("images").forEach(items::add);
        for (String kind : List.of("ports", "networks", "subnets")) {
            ok(endpoint(region, "network").get("/v2.0/" + kind, admin)).path(kind).forEach(items::add);
        }
        return items.stream().map(item -> item.path("name").asText())
                .filter(name -> topIds.stream().anyMatch(id -> name.endsWith("@" + id)))
                .toList();
    }

    /** The names of the keypairs Cascadia's service user holds in the region: the copies of users' keypairs. */
    List<String> serviceUsersKeypairs(String region, Map<String, String> admin) {
        String userId = ok(keystone().get("/users?name=" + serviceUser(), admin)).at("/users/0/id").asText();
        Map<String, String> headers = new java.util.HashMap<>(admin);
        headers.put("OpenStack-API-Version", "compute 2.10");
        List<String> names = new ArrayList<>();
        ok(endpoint(region, "compute").get("/os-keypairs?user_id=" + userId, headers)).path("keypairs")
                .forEach(keypair -> names.add(keypair.at("/keypair/name").asText()));
        return names;
    }

    /**
     * Makes the region stop answering, as a host whose network went away does: its API services (Nova, Neutron,
     * Cinder, with their workers) are stopped with SIGSTOP, so connections open but nothing answers.
     */
    void pause(String region) {
        signalApis(region, "STOP");
    }

    /** Lets a paused region answer again (SIGCONT). */
    void resume(String region) {
        signalApis(region, "CONT");
    }

    private void signalApis(String region, String signal) {
        String prefix = doc.at("/regions/" + region + "/process_prefix").asText();
        List<String> names = List.of(prefix + "-nova-api", prefix + "-neutron-server", prefix + "-cinder-api");
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        try {
            for (String line : Files.readAllLines(directory.resolve("pids"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 3 && names.contains(fields[2].replaceFirst("-child$", ""))) {
                    command.add(fields[0]);
                }
            }
            if (command.size() == 2) {
                throw new IllegalStateException("no API process of " + region + " in " + directory.resolve("pids"));
            }
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A clouds.yaml with the given clouds at this Keystone: (name, user, password, project, default region); every
     * cloud may also be pointed at the sites' regions and {@code extraRegion}.
     */
    Path cloudsYaml(Path directory, List<List<String>> clouds, String extraRegion) {
        List<String> allRegions = new ArrayList<>(regions());
        allRegions.add(extraRegion);
        StringBuilder yaml = new StringBuilder("clouds:\n");
        for (List<String> cloud : clouds) {
            yaml.append("""
                      %s:
                        auth:
                          auth_url: %s
                          username: %s
                          password: %s
                          project_name: %s
                          user_domain_name: Default
                          project_domain_name: Default
                        region_name: %s
                        regions: [%s]
                        identity_api_version: 3
                        interface: public
                    """.formatted(cloud.get(0), keystoneUrl(), cloud.get(1), cloud.get(2), cloud.get(3), cloud.get(4),
                    String.join(", ", defaultFirst(allRegions, cloud.get(4)))));
        }
        try {
            Path file = directory.resolve("clouds.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regions with the cloud's own first: openstacksdk takes the first of {@code regions} as the default. */
    private static List<String> defaultFirst(List<String> regions, String first) {
        List<String> ordered = new ArrayList<>(List.of(first));
        regions.stream().filter(region -> !region.equals(first)).forEach(ordered::add);
        return ordered;
    }
}
