package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.testkit.WireClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A demo (top layer and emulated sites in this JVM) driven the way a user drives it: over HTTP, as the demo user,
 * with the administrator for flavors, images and looking into sites. For the cross-site L2 tests.
 */
final class CrossSiteCloud implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    final Demo demo;
    final Caller user;
    final Caller admin;
    private final String flavor;
    private final String image;

    /** One identity's calls to one base URL, with its token. */
    record Caller(WireClient client, String token) {
        JsonNode get(String path) {
            return checked("GET", path, client.get(path, Map.of("X-Auth-Token", token)));
        }

        JsonNode post(String path, String body) {
            return checked("POST", path, client.send("POST", path, Map.of("X-Auth-Token", token), body));
        }

        int delete(String path) {
            return client.send("DELETE", path, Map.of("X-Auth-Token", token), null).status();
        }

        int status(String path) {
            return client.get(path, Map.of("X-Auth-Token", token)).status();
        }

        private static JsonNode checked(String method, String path, WireClient.Answer answer) {
            if (answer.status() >= 300) {
                throw new AssertionError(method + " " + path + " answered " + answer.status() + ": " + answer.text());
            }
            return answer.json();
        }
    }

    private CrossSiteCloud(Demo demo, Caller user, Caller admin) {
        this.demo = demo;
        this.user = user;
        this.admin = admin;
        this.flavor = admin.post("/compute/v2.1/flavors", """
                {"flavor": {"name": "l2.tiny", "ram": 512, "vcpus": 1, "disk": 1}}""").at("/flavor/id").asText();
        this.image = admin.post("/image/v2/images", """
                {"name": "l2-image", "disk_format": "raw", "container_format": "bare", "visibility": "public"}""").path("id").asText();
        assertThat(admin.client().send("PUT", "/image/v2/images/" + image + "/file",
                Map.of("X-Auth-Token", admin.token(), "Content-Type", "application/octet-stream"), "bytes").status()).isEqualTo(204);
    }

    static CrossSiteCloud start(Path dataDir, List<Integer> hostsPerSite, String dataplanePrefix) throws IOException {
        Demo demo = Demo.start(dataDir, 0, hostsPerSite, dataplanePrefix);
        try {
            WireClient client = new WireClient(demo.top().publicUrl());
            return new CrossSiteCloud(demo,
                    new Caller(client, token(client, "demo", CloudsYaml.DEMO_CLOUD, demo)),
                    new Caller(client, token(client, "admin", CloudsYaml.ADMIN_CLOUD, demo)));
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private static String token(WireClient client, String user, String cloud, Demo demo) {
        String password = CloudsYaml.readPassword(demo.cloudsYaml(), cloud).orElseThrow();
        WireClient.Answer answer = client.send("POST", "/v3/auth/tokens", Map.of(), """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s", "password": "%s",
                  "domain": {"id": "default"}}}}, "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}}}"""
                .formatted(user, password, user));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.header("X-Subject-Token").orElseThrow();
    }

    /** A network with one IPv4 subnet; returns the network's id. */
    String network(String name, String cidr) {
        String id = user.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"%s\"}}".formatted(name)).at("/network/id").asText();
        user.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "%s", "ip_version": 4, "name": "%s-subnet"}}""".formatted(id, cidr, name));
        return id;
    }

    /** Creates a server on the network in the zone and waits for it to be ACTIVE; returns it as the user sees it. */
    JsonNode server(String name, String networkId, String zone) {
        String id = user.post("/compute/v2.1/servers", """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                  "availability_zone": "%s"}}""".formatted(name, flavor, image, networkId, zone)).at("/server/id").asText();
        return await("server " + name + " ACTIVE", () -> {
            JsonNode server = user.get("/compute/v2.1/servers/" + id).path("server");
            assertThat(server.path("status").asText()).as("server %s", name).isNotEqualTo("ERROR");
            return "ACTIVE".equals(server.path("status").asText()) ? server : null;
        });
    }

    void deleteServer(String id) {
        assertThat(user.delete("/compute/v2.1/servers/" + id)).isEqualTo(204);
        await("server " + id + " gone", () -> user.status("/compute/v2.1/servers/" + id) == 404 ? true : null);
    }

    /** The top port of a server (its only one). */
    JsonNode portOf(String serverId) {
        JsonNode ports = user.get("/networking/v2.0/ports?device_id=" + serverId).path("ports");
        assertThat(ports).hasSize(1);
        return ports.get(0);
    }

    /** Where the admin sees the server: {@code OS-EXT-SRV-ATTR:host} is the site's host. */
    String hostOf(String serverId) {
        return await("host of " + serverId, () -> {
            String host = admin.get("/compute/v2.1/servers/" + serverId).path("server").path("OS-EXT-SRV-ATTR:host").asText("");
            return host.isEmpty() ? null : host;
        });
    }

    /** The network namespace of a server (the demo runs a dataplane): its site and bottom id from the routing table. */
    String namespaceOf(String serverId) {
        JsonNode row = admin.get("/cascadia/v1/routings?top_id=" + serverId + "&resource_type=server").path("routings").get(0);
        return site(row.path("region").asText()).dataplane().orElseThrow().server(row.path("bottom_id").asText())
                .orElseThrow().namespace();
    }

    EmulatedSite site(String region) {
        return demo.sites().stream().filter(s -> s.region().equals(region)).findFirst().orElseThrow();
    }

    /** The site's tunnel IP of one of its hosts. */
    String vtepOf(String host) {
        return demo.sites().stream().flatMap(s -> s.hosts().stream()).filter(h -> h.name().equals(host)).findFirst()
                .orElseThrow().tunnelIp();
    }

    /** A Neutron collection of a site as its administrator sees it, e.g. {@code ports?device_owner=compute:shadow}. */
    List<JsonNode> inSite(String region, String collectionAndQuery) {
        Caller siteAdmin = new Caller(new WireClient(site(region).url()), admin.token());
        String collection = collectionAndQuery.split("\\?")[0];
        List<JsonNode> items = new ArrayList<>();
        siteAdmin.get("/networking/v2.0/" + collectionAndQuery).path(collection).forEach(items::add);
        return items;
    }

    /** Waits until {@code probe} answers non-null and returns that; fails after 30 s naming {@code what}. */
    static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (AssertionError e) {
                last = e;
            }
            sleep(50);
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what, last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        demo.close();
    }
}
