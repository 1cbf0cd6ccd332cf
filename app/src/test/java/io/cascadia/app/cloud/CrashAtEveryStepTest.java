package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoint;
import io.cascadia.cascade.jobs.FaultPoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job worker dies at every step of building a server or a volume (before a site call, after it, before recording
 * the result), for each kind of copy it makes; after its lease runs out the job runs again, and the site ends with
 * exactly one copy of each resource and a correct routing row.
 */
class CrashAtEveryStepTest {
    /** Kills the job (an Error, as a dead process would) the first time an armed point is reached. */
    static final class Crashes implements FaultPoints {
        volatile FaultPoint point;
        volatile String what;
        final AtomicInteger fired = new AtomicInteger();

        void arm(FaultPoint point, String what) {
            this.point = point;
            this.what = what;
            fired.set(0);
        }

        @Override
        public void reached(FaultPoint reached, String description) {
            if (reached == point && description.startsWith(what) && fired.compareAndSet(0, 1)) {
                throw new SimulatedCrash(reached + " of " + description);
            }
        }
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super("simulated crash at " + message, null, false, false);
        }
    }

    @TempDir
    static Path dataDir;
    static final Crashes CRASHES = new Crashes();
    static TestCloud cloud;
    static final AtomicInteger CASE = new AtomicInteger();

    @BeforeAll
    static void start() {
        cloud = TestCloud.start(dataDir, 1, CRASHES);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of(FaultPoint.BEFORE_SITE_CALL, "network"),
                Arguments.of(FaultPoint.AFTER_SITE_CALL, "network"),
                Arguments.of(FaultPoint.BEFORE_SITE_CALL, "port"),
                Arguments.of(FaultPoint.AFTER_SITE_CALL, "port"),
                Arguments.of(FaultPoint.BEFORE_SITE_CALL, "server"),
                Arguments.of(FaultPoint.AFTER_SITE_CALL, "server"),
                Arguments.of(FaultPoint.BEFORE_RECORDING_RESULT, "server.create"),
                Arguments.of(FaultPoint.BEFORE_RECORDING_RESULT, "server.build"));
    }

    @ParameterizedTest(name = "crash {0} of {1}")
    @MethodSource("steps")
    void aWorkerKilledAtThisStepLeavesExactlyOneCopyOfEverythingAfterRecovery(FaultPoint point, String what) {
        int n = CASE.incrementAndGet();
        TestCloud.Basics basics = cloud.basics("crash" + n, "10." + n + ".0.0/24");
        CRASHES.arm(point, what);

        String serverId = cloud.createServer("vm" + n, basics, "az1");
        JsonNode server = cloud.awaitServer(serverId, "ACTIVE", Duration.ofSeconds(40));

        assertThat(CRASHES.fired.get()).as("the crash happened").isEqualTo(1);
        List<JsonNode> copies = cloud.bottomServers(1).stream()
                .filter(s -> s.path("name").asText().equals("vm" + n + "@" + serverId)).toList();
        assertThat(copies).hasSize(1);
        JsonNode routing = TestCloud.ok(cloud.client().get("/cascadia/v1/routings?top_id=" + serverId, cloud.asAdmin()));
        assertThat(routing.get("routings")).hasSize(1);
        assertThat(routing.at("/routings/0/state").asText()).isEqualTo("active");
        assertThat(routing.at("/routings/0/bottom_id").asText()).isEqualTo(copies.getFirst().path("id").asText());

        String portId = TestCloud.ok(cloud.client().get("/networking/v2.0/ports?device_id=" + serverId, cloud.asDemo()))
                .at("/ports/0/id").asText();
        assertThat(cloud.bottom(1, "port").stream().filter(p -> p.path("name").asText().endsWith("@" + portId))).hasSize(1);
        assertThat(cloud.bottom(1, "network").stream()
                .filter(net -> net.path("name").asText().equals("crash" + n + "-net@" + basics.network()))).hasSize(1);
        assertThat(server.path("OS-EXT-AZ:availability_zone").asText()).isEqualTo("az1");
    }

    static Stream<Arguments> volumeSteps() {
        return Stream.of(
                Arguments.of(FaultPoint.BEFORE_SITE_CALL, "volume "),
                Arguments.of(FaultPoint.AFTER_SITE_CALL, "volume "),
                Arguments.of(FaultPoint.BEFORE_RECORDING_RESULT, "volume.create"),
                Arguments.of(FaultPoint.BEFORE_RECORDING_RESULT, "volume.build"));
    }

    @ParameterizedTest(name = "crash {0} of {1}")
    @MethodSource("volumeSteps")
    void aWorkerKilledWhileMakingAVolumeLeavesExactlyOneCopyAfterRecovery(FaultPoint point, String what) {
        int n = CASE.incrementAndGet();
        CRASHES.arm(point, what);

        String id = cloud.createVolume("vol" + n, 1, "az1");
        cloud.awaitVolume(id, "available", Duration.ofSeconds(40));

        assertThat(CRASHES.fired.get()).as("the crash happened").isEqualTo(1);
        List<JsonNode> copies = cloud.bottomVolumes(1).stream()
                .filter(v -> v.path("name").asText().equals("vol" + n + "@" + id)).toList();
        assertThat(copies).hasSize(1);
        JsonNode routing = TestCloud.ok(cloud.client().get("/cascadia/v1/routings?top_id=" + id, cloud.asAdmin()));
        assertThat(routing.get("routings")).hasSize(1);
        assertThat(routing.at("/routings/0/state").asText()).isEqualTo("active");
        assertThat(routing.at("/routings/0/bottom_id").asText()).isEqualTo(copies.getFirst().path("id").asText());
    }
}
