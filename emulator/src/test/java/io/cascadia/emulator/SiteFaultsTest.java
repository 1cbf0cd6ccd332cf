package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascadia.testkit.WireClient.Answer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection: a site that is down refuses connections, a slow one answers late, a failing one fails creates. */
class SiteFaultsTest {
    private FakeKeystone keystone;
    private EmulatedSite site;
    private SiteClient admin;

    @BeforeEach
    void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("faulty", keystone.url()));
        admin = new SiteClient(site.url(), FakeKeystone.ADMIN);
    }

    @AfterEach
    void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void aSiteThatIsDownRefusesConnectionsAndAcceptsThemAgainOnTheSamePortWhenUp() throws Exception {
        int port = site.port();
        assertThat(admin.get("/compute/v2.1/flavors").status()).isEqualTo(200);

        site.down();
        assertThat(site.isDown()).isTrue();
        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new SiteClient(site.url(), FakeKeystone.ADMIN).get("/compute/v2.1/flavors"))
                .hasCauseInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> admin.get("/compute/v2.1/flavors"))
                .as("open connections were closed too").isInstanceOf(IllegalStateException.class);

        site.up();
        assertThat(site.port()).isEqualTo(port);
        connect(port);
        assertThat(admin.get("/compute/v2.1/flavors").status()).isEqualTo(200);
    }

    @Test
    void anOutageAskedOverHttpEndsByItself() throws Exception {
        assertThat(admin.post("/emulator/outage", "{\"outage\": {\"seconds\": 1}}").status()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean sawDown = false;
        while (System.nanoTime() < deadline && !sawDown) {
            sawDown = site.isDown();
            Thread.sleep(10);
        }
        assertThat(sawDown).isTrue();
        while (System.nanoTime() < deadline && site.isDown()) {
            Thread.sleep(20);
        }
        assertThat(admin.get("/compute/v2.1/flavors").status()).isEqualTo(200);
        assertThat(admin.post("/emulator/outage", "{\"outage\": {\"seconds\": 0}}").status()).isEqualTo(400);
    }

    @Test
    void addedLatencySlowsTheApisButNotTheControlEndpoints() {
        Answer set = admin.put("/emulator/faults", "{\"faults\": {\"latency_ms\": 300}}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().at("/faults/latency_ms").asLong()).isEqualTo(300);

        long started = System.nanoTime();
        admin.get("/compute/v2.1/flavors");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        started = System.nanoTime();
        admin.get("/emulator/faults");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));

        assertThat(admin.delete("/emulator/faults").status()).isEqualTo(204);
        assertThat(admin.get("/emulator/faults").json().at("/faults/latency_ms").asLong()).isZero();
    }

    @Test
    void aShareOfFailingCreatesMakesSynchronousCreatesAnswer500InTheServicesFormat() {
        admin.put("/emulator/faults", "{\"faults\": {\"create_failure_rate\": 1.0}}");
        Answer network = admin.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"n\"}}");
        assertThat(network.status()).isEqualTo(500);
        assertThat(network.json().at("/NeutronError/type").asText()).isEqualTo("HTTPInternalServerError");
        assertThat(admin.ok(admin.get("/networking/v2.0/networks"), 200).get("networks")).isEmpty();

        assertThat(admin.put("/emulator/faults", "{\"faults\": {\"create_failure_rate\": 2}}").status()).isEqualTo(400);
        assertThat(new SiteClient(site.url(), FakeKeystone.DEMO).put("/emulator/faults", "{\"faults\": {}}").status())
                .isEqualTo(403);
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
