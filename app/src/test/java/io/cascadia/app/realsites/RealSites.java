package io.cascadia.app.realsites;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two real OpenStack regions sharing one Keystone, as {@code scripts/real-sites/start.sh} describes them in its
 * {@code sites.json}, named by {@code CASCADIA_SITES_JSON}. The tests using them are tagged {@code real-sites} and
 * run only through {@code ./cascadia test --real-sites}, which installs and starts the regions first; without the
 * file they fail.
 */
record RealSites(JsonNode doc) {
    static RealSites get() {
        String file = System.getenv("CASCADIA_SITES_JSON");
        if (file == null || !Files.isReadable(Path.of(file))) {
            throw new IllegalStateException("no real OpenStack regions: CASCADIA_SITES_JSON names no sites.json"
                    + " (./cascadia test --real-sites starts them)");
        }
        try {
            return new RealSites(Json.read(Files.readString(Path.of(file))));
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
