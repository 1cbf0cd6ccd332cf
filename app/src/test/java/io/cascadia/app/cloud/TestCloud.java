package io.cascadia.app.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.app.Settings;
import io.cascadia.app.TopConfig;
import io.cascadia.app.TopLayer;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import io.cascadia.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A whole cascading cloud for tests, in this JVM: the top layer (H2 under a temporary directory) and emulated sites
 * {@code site1..siteN} in zones {@code az1..azN}, registered as sites, with short intervals so convergence, leases
 * and resyncs happen in seconds. Users: {@code admin}, and {@code demo} (member of project {@code demo}).
 */
public final class TestCloud implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-pw-1";
    public static final String DEMO_PASSWORD = "demo-pw-1";
    public static final String SERVICE_PASSWORD = "service-pw-1";

    private final TopLayer top;
    private final List<EmulatedSite> sites;
    private final WireClient client;
    private String adminToken;
    private String demoToken;
    private final Map<String, String> projects = new java.util.concurrent.ConcurrentHashMap<>();

    private TestCloud(TopLayer top, List<EmulatedSite> sites) {
        this.top = top;
        this.sites = sites;
        this.client = new WireClient(top.publicUrl());
    }


    public static TestCloud start(Path dataDir, int siteCount, FaultPoints faults) {
        return start(dataDir, siteCount, faults, Duration.ofMillis(300));
    }

    public static TestCloud start(Path dataDir, int siteCount, FaultPoints faults, Duration buildLatency) {
        return start(dataDir, siteCount, faults, buildLatency, Settings.empty());
    }

    /** A test cloud whose top uses the given settings too (for example {@code db.url} for PostgreSQL). */
    public static TestCloud start(Path dataDir, int siteCount, FaultPoints faults, Duration buildLatency, Settings settings) {
        settings
                .with("server.port", 0)
                .with("identity.admin-password", ADMIN_PASSWORD)
                .with("identity.password-hash-rounds", 1000)
                .with("sites.service-password", SERVICE_PASSWORD)
                .with("sites.probe-interval", "300ms")
                .with("poll.interval", "100ms")
                .with("poll.full-resync", "2s")
                .with("poll.orphan-grace", "1s")
                .with("jobs.lease", "2s")
                .with("jobs.backoff", "200ms")
                .with("jobs.max-backoff", "1s")
                .with("jobs.copy-claim-lease", "2s")
                .with("scheduler.capacity-refresh", "1s");
        TopLayer top = TopLayer.start(TopConfig.from(settings, dataDir), faults);
        List<EmulatedSite> sites = new ArrayList<>();
        try {
            Project demo = top.identity().ensureProject("demo", "");
            top.identity().grantOnProject(top.identity().ensureUser("demo", DEMO_PASSWORD, demo), demo, Role.MEMBER);
            for (int n = 1; n <= siteCount; n++) {
                EmulatedSite site = EmulatedSite.start(SiteConfig.of("site" + n, top.publicUrl() + "/v3")
                        .withAvailabilityZones(List.of("az" + n))
                        .withTunnelSubnet("100.64." + n + ".0/24")
                        .withBuildLatency(buildLatency));
                sites.add(site);
                top.identity().ensureRegion(site.region(), "");
                for (EmulatedSite.CatalogEndpoint endpoint : site.catalogEndpoints()) {
                    top.identity().ensureEndpoint(site.region(), endpoint.type(), endpoint.name(), endpoint.url());
                }
                top.sites().add(site.region(), Map.of());
            }
            return new TestCloud(top, sites);
        } catch (RuntimeException e) {
            sites.forEach(EmulatedSite::close);
            top.close();
            throw e;
        }
    }

    public TopLayer top() {
        return top;
    }

    public EmulatedSite site(int n) {
        return sites.get(n - 1);
    }

    public WireClient client() {
        return client;
    }

    /** A client of a site's own API (Keystone is shared, so top tokens work there). */
    public WireClient siteClient(int n) {
        return new WireClient(site(n).url());
    }

    public Map<String, String> asAdmin() {
        if (adminToken == null) {
            adminToken = token("admin", ADMIN_PASSWORD, "admin");
        }
        return Map.of("X-Auth-Token", adminToken);
    }

    public Map<String, String> asDemo() {
        if (demoToken == null) {
            demoToken = token("demo", DEMO_PASSWORD, "demo");
        }
        return Map.of("X-Auth-Token", demoToken);
    }

    /** A member of a project of its own, both made if missing; returns the headers that act as that user there. */
    public Map<String, String> asMemberOf(String projectName, String user, String password) {
        Project project = top.identity().ensureProject(projectName, "");
        top.identity().grantOnProject(top.identity().ensureUser(user, password, project), project, Role.MEMBER);
        return Map.of("X-Auth-Token", token(user, password, projectName));
    }

    /** Cascadia's own service user, as it acts in sites: in its service project. */
    public Map<String, String> asServiceUser() {
        return Map.of("X-Auth-Token", token(TopLayer.SERVICE_USER, SERVICE_PASSWORD, "service"));
    }

    /** The project a token is scoped to. */
    public String projectOf(Map<String, String> caller) {
        String token = caller.get("X-Auth-Token");
        return projects.computeIfAbsent(token, t -> ok(client.get("/v3/auth/tokens",
                Map.of("X-Auth-Token", t, "X-Subject-Token", t))).at("/token/project/id").asText());
    }

    /** The Cinder path of the demo project at the top, e.g. {@code /volume/v3/<project>/volumes}. */
    public String demoVolumes() {
        return "/volume/v3/" + projectOf(asDemo()) + "/volumes";
    }

    /** Asks the top for a volume as the demo user; returns its id. */
    public String createVolume(String name, int sizeGb, String zone) {
        String az = zone == null ? "" : ", \"availability_zone\": \"" + zone + "\"";
        return ok(client.send("POST", demoVolumes(), asDemo(), """
                {"volume": {"name": "%s", "size": %d%s}}""".formatted(name, sizeGb, az))).at("/volume/id").asText();
    }

    public JsonNode volume(String id) {
        return client.get(demoVolumes() + "/" + id, asDemo()).json().path("volume");
    }

    public JsonNode awaitVolume(String id, String status, Duration timeout) {
        await(() -> status.equals(volume(id).path("status").asText()), timeout,
                () -> "volume " + id + " did not become " + status + ": " + volume(id));
        return volume(id);
    }

    /** Every volume a site holds, of every project, as the site itself lists them. */
    public List<JsonNode> bottomVolumes(int site) {
        List<JsonNode> volumes = new ArrayList<>();
        siteClient(site).get("/volume/v3/" + projectOf(asAdmin()) + "/volumes/detail?all_tenants=1", asAdmin()).json()
                .path("volumes").forEach(volumes::add);
        return volumes;
    }

    /** The images a site lists to its administrator. */
    public List<JsonNode> bottomImages(int site) {
        List<JsonNode> images = new ArrayList<>();
        siteClient(site).get("/image/v2/images", asAdmin()).json().path("images").forEach(images::add);
        return images;
    }

    private String token(String user, String password, String project) {
        WireClient.Answer answer = client.send("POST", "/v3/auth/tokens", Map.of(), """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"id": "default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}}}""".formatted(user, password, project));
        return answer.header("X-Subject-Token").orElseThrow(() -> new AssertionError("no token: " + answer.text()));
    }

    /** Creates what servers need as the demo user (network with a subnet) and as admin (flavor, public image). */
    public Basics basics(String prefix, String cidr) {
        String network = ok(client.send("POST", "/networking/v2.0/networks", asDemo(),
                "{\"network\": {\"name\": \"" + prefix + "-net\"}}")).at("/network/id").asText();
        ok(client.send("POST", "/networking/v2.0/subnets", asDemo(), """
                {"subnet": {"name": "%s-sub", "network_id": "%s", "ip_version": 4, "cidr": "%s"}}""".formatted(prefix, network, cidr)));
        String flavor = ok(client.send("POST", "/compute/v2.1/flavors", asAdmin(), """
                {"flavor": {"name": "%s-flavor", "ram": 256, "vcpus": 1, "disk": 1}}""".formatted(prefix))).at("/flavor/id").asText();
        String image = ok(client.send("POST", "/image/v2/images", asAdmin(), """
                {"name": "%s-image", "disk_format": "raw", "container_format": "bare", "visibility": "public"}""".formatted(prefix)))
                .get("id").asText();
        WireClient.Answer upload = client.send("PUT", "/image/v2/images/" + image + "/file", asAdmin(),
                ("image data of " + prefix).getBytes(), "application/octet-stream");
        if (upload.status() != 204) {
            throw new AssertionError("upload failed: " + upload.status() + " " + upload.text());
        }
        return new Basics(network, flavor, image);
    }

    /** The ids of a network, flavor and image servers can be made from. */
    public record Basics(String network, String flavor, String image) {
    }

    /** Lifts the demo project's Nova quotas (instances, cores, RAM) for tests that make many or big servers. */
    public void liftQuotas() {
        String project = TestCloud.ok(client.get("/v3/auth/tokens", Map.of("X-Auth-Token", asDemo().get("X-Auth-Token"),
                "X-Subject-Token", asDemo().get("X-Auth-Token")))).at("/token/project/id").asText();
        ok(client.send("PUT", "/compute/v2.1/os-quota-sets/" + project, asAdmin(),
                "{\"quota_set\": {\"instances\": -1, \"cores\": -1, \"ram\": -1}}"));
    }

    /** Asks the top for a server as the demo user; returns its id (the create answers 202 at once). */
    public String createServer(String name, Basics basics, String zone) {
        String az = zone == null ? "" : ", \"availability_zone\": \"" + zone + "\"";
        return ok(client.send("POST", "/compute/v2.1/servers", asDemo(), """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}]%s}}"""
                .formatted(name, basics.flavor(), basics.image(), basics.network(), az))).at("/server/id").asText();
    }

    public JsonNode server(String id) {
        return client.get("/compute/v2.1/servers/" + id, asDemo()).json().path("server");
    }

    public JsonNode awaitServer(String id, String status, Duration timeout) {
        await(() -> status.equals(server(id).path("status").asText()), timeout,
                () -> "server " + id + " did not become " + status + ": " + server(id));
        return server(id);
    }

    /** Every server a site holds, of every project, as the site itself lists them. */
    public List<JsonNode> bottomServers(int site) {
        List<JsonNode> servers = new ArrayList<>();
        siteClient(site).get("/compute/v2.1/servers/detail?all_tenants=1", asAdmin()).json().path("servers").forEach(servers::add);
        return servers;
    }

    public List<JsonNode> bottom(int site, String neutronResource) {
        List<JsonNode> items = new ArrayList<>();
        siteClient(site).get("/networking/v2.0/" + neutronResource + "s", asAdmin()).json().path(neutronResource + "s").forEach(items::add);
        return items;
    }

    public static JsonNode ok(WireClient.Answer answer) {
        if (answer.status() >= 300) {
            throw new AssertionError("HTTP " + answer.status() + ": " + answer.text());
        }
        return answer.json();
    }

    public static void await(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    @Override
    public void close() {
        sites.forEach(EmulatedSite::close);
        top.close();
    }
}
