package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.dataplane.Dataplane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --tour} tells the cascading story against a running demo and leaves what it made in place. */
class DemoTourTest {
    @TempDir
    Path dataDir;

    private static String password(Demo demo, String cloud) {
        return CloudsYaml.readPassword(demo.cloudsYaml(), cloud).orElseThrow();
    }

    @Test
    void theTourShowsTheTopNetworkTheServersTheirCopiesAndTheRemotePortsAndLeavesThemInPlace() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Demo demo = Demo.start(dataDir, 0, 2)) {
            DemoTour.Made made = new DemoTour(demo, password(demo, CloudsYaml.DEMO_CLOUD), password(demo, CloudsYaml.ADMIN_CLOUD),
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
            String told = printed.toString(StandardCharsets.UTF_8);
            assertThat(told).contains("Tour 1/5: a network at the top", "site1 has 0 copies of it", "site2 has 0 copies of it",
                    "Tour 2/5: a server in az1 and one in az2", "Tour 3/5: the copies in the sites", "Tour 4/5: remote ports",
                    "start it with --dataplane");
            assertThat(made.servers()).hasSize(2);
            for (DemoTour.Server server : made.servers()) {
                assertThat(told).contains(server.name() + " is ACTIVE in " + server.zone() + " with " + server.ip() + " " + server.mac());
                assertThat(told).contains(server.name() + "@" + server.id());
                assertThat(told).contains("port " + server.ip() + " " + server.mac() + ": the same IP and MAC as at the top");
            }
            assertThat(told).contains("site1 got a remote port for " + made.servers().get(1).name() + ": @",
                    "site2 got a remote port for " + made.servers().get(0).name() + ": @");
            DemoClient user = DemoClient.login(demo.top().publicUrl(), "demo", password(demo, CloudsYaml.DEMO_CLOUD), "demo");
            for (DemoTour.Server server : made.servers()) {
                assertThat(user.get("/compute/v2.1/servers/" + server.id()).at("/server/status").asText()).isEqualTo("ACTIVE");
            }
            assertThat(made.pinged()).isFalse();
        }
    }

    @Test
    void withADataplaneTheTourEndsWithAPingAcrossSites() throws Exception {
        Dataplane.unavailableReason().ifPresent(Assumptions::abort);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Demo demo = Demo.start(dataDir, 0, List.of(2, 2), "ctour")) {
            DemoTour.Made made = new DemoTour(demo, password(demo, CloudsYaml.DEMO_CLOUD), password(demo, CloudsYaml.ADMIN_CLOUD),
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
            String told = printed.toString(StandardCharsets.UTF_8);
            assertThat(made.pinged()).as(told).isTrue();
            assertThat(told).contains("Tour 5/5: a ping from site1 to site2", "3 of 3 answered", "underlay links received");
        }
    }
}
