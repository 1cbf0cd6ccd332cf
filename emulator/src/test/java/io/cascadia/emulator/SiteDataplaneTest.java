package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.dataplane.Commands;
import io.cascadia.dataplane.Dataplane;
import io.cascadia.emulator.runtime.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An emulated site with a real dataplane (root): its servers are namespaces wired into their hosts, and the agents'
 * l2 population tables are what the kernel forwards by, so servers on two hosts ping each other, and a stopped
 * server's namespace and entries go away.
 */
class SiteDataplaneTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private FakeKeystone keystone;
    private Dataplane dataplane;
    private EmulatedSite site;
    private SiteClient admin;
    private String networkId;

    @BeforeEach
    void start() {
        Dataplane.unavailableReason().ifPresent(Assumptions::abort);
        keystone = new FakeKeystone();
        dataplane = Dataplane.start("cesd");
        site = EmulatedSite.start(SiteConfig.of("wired", keystone.url())
                .withHosts(2)
                .withTunnelSubnet("100.64.8.0/24")
                .withBuildLatency(Duration.ZERO)
                .withActionLatency(Duration.ZERO), dataplane);
        admin = new SiteClient(site.url(), FakeKeystone.ADMIN);
        networkId = Sites.network(admin, "wired", "10.40.0.0/24");
    }

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
            keystone.close();
        }
        if (dataplane != null) {
            dataplane.close();
        }
    }

    @Test
    void serversOnTwoHostsPingEachOtherAndAStoppedServerLosesItsNamespace() {
        List<Host> hosts = site.hosts();
        JsonNode a = server("a", hosts.get(0));
        JsonNode b = server("b", hosts.get(1));
        String namespaceA = namespace(a);
        String namespaceB = namespace(b);
        String ipA = a.at("/addresses/wired/0/addr").asText();
        String ipB = b.at("/addresses/wired/0/addr").asText();

        assertThat(Commands.run(List.of("ip", "netns", "exec", namespaceA, "ping", "-c", "1", "-W", "2", ipB))).contains("1 received");
        assertThat(Commands.run(List.of("ip", "netns", "exec", namespaceB, "ping", "-c", "1", "-W", "2", ipA))).contains("1 received");

        String bId = b.get("id").asText();
        admin.post("/compute/v2.1/servers/" + bId + "/action", "{\"os-stop\": null}");
        admin.await("/compute/v2.1/servers/" + bId, body -> body.at("/server/status").asText().equals("SHUTOFF"), WAIT);
        awaitGone(Path.of("/var/run/netns", namespaceB));
        assertThat(admin.get("/emulator/servers/" + bId + "/dataplane").status()).isEqualTo(404);
    }

    private String namespace(JsonNode server) {
        JsonNode wired = admin.await("/emulator/servers/" + server.get("id").asText() + "/dataplane", body -> true, WAIT);
        assertThat(wired.at("/dataplane/interfaces/0/addresses/0").asText()).startsWith("10.40.0.");
        return wired.at("/dataplane/namespace").asText();
    }

    private JsonNode server(String name, Host host) {
        String body = Sites.serverBody(name, site, List.of("{\"uuid\": \"" + networkId + "\"}"), "1")
                .replace("\"flavorRef\"", "\"availability_zone\": \"nova:" + host.name() + "\", \"flavorRef\"");
        String id = admin.ok(admin.post("/compute/v2.1/servers", body), 202).at("/server/id").asText();
        return admin.await("/compute/v2.1/servers/" + id, s -> s.at("/server/status").asText().equals("ACTIVE"), WAIT).get("server");
    }

    private static void awaitGone(Path path) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Files.exists(path)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " is still there");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
