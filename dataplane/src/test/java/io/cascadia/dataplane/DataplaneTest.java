package io.cascadia.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Servers in namespaces on different hosts reach each other over VXLAN exactly when l2 population says so. */
class DataplaneTest {
    private static final int VNI = 1001;
    private Dataplane dataplane;
    private Host host1;
    private Host host2;
    private Host idle;
    private Server a;
    private Server b;

    @BeforeEach
    void build() {
        Dataplane.unavailableReason().ifPresent(Assumptions::abort);
        dataplane = Dataplane.start("cdt");
        host1 = dataplane.addHost("h1", "100.64.1.1/10");
        host2 = dataplane.addHost("h2", "100.64.1.2/10");
        idle = dataplane.addHost("h3", "100.64.1.3/10");
        dataplane.pinUnderlayNeighbours();
        a = dataplane.addServer("aaaaaaaa-0000-0000-0000-000000000001");
        b = dataplane.addServer("bbbbbbbb-0000-0000-0000-000000000002");
        host1.plug(a, "11111111-port", "fa:16:3e:00:00:01", "10.9.0.1/24", VNI, null);
        host2.plug(b, "22222222-port", "fa:16:3e:00:00:02", "10.9.0.2/24", VNI, null);
        idle.ensureSegment(VNI);
    }

    @AfterEach
    void tearDown() {
        if (dataplane != null) {
            dataplane.close();
        }
    }

    private void populate() {
        host1.program(VNI, new L2Table(Set.of(new L2Table.Forwarding("fa:16:3e:00:00:02", host2.vtep())),
                Set.of(new L2Table.ArpEntry("10.9.0.2", "fa:16:3e:00:00:02")), Set.of(host2.vtep())));
        host2.program(VNI, new L2Table(Set.of(new L2Table.Forwarding("fa:16:3e:00:00:01", host1.vtep())),
                Set.of(new L2Table.ArpEntry("10.9.0.1", "fa:16:3e:00:00:01")), Set.of(host1.vtep())));
    }

    @Test
    void withoutL2PopulationThereIsNoPathBetweenHosts() {
        assertThat(a.succeeds("ping", "-c", "1", "-W", "1", "10.9.0.1")).as("ping works at all").isTrue();
        assertThat(a.succeeds("ping", "-c", "1", "-W", "1", "10.9.0.2")).isFalse();
    }

    @Test
    void serversOnTwoHostsPingEachOtherOnceL2PopulationProgrammedTheTunnels() {
        populate();

        assertThat(a.succeeds("ping", "-c", "2", "-W", "2", "10.9.0.2")).isTrue();
        assertThat(b.succeeds("ping", "-c", "2", "-W", "2", "10.9.0.1")).isTrue();
    }

    @Test
    void theArpResponderAnswersLocallySoOnlyTunnelledPingsCrossAndIdleHostsSeeNothing() {
        populate();
        awaitQuietUnderlay();
        long idleBefore = idle.underlayPacketsReceived();
        long host2Before = host2.underlayPacketsReceived();

        assertThat(a.succeeds("ping", "-c", "1", "-W", "2", "10.9.0.2")).isTrue();

        assertThat(idle.underlayPacketsReceived() - idleBefore).isZero();
        // host2 receives the echo request only: ARP was answered on host1 by the responder
        assertThat(host2.underlayPacketsReceived() - host2Before).isEqualTo(1);
    }

    /**
     * Interfaces that just came up send unsolicited IGMP reports for a second or two, and l2 population floods them
     * to the related hosts as it should; wait for that to pass so the counts below are the ping's alone.
     */
    private void awaitQuietUnderlay() {
        long deadline = System.nanoTime() + 15_000_000_000L;
        long[] last = {host2.underlayPacketsReceived(), idle.underlayPacketsReceived()};
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 2_500_000_000L) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the underlay never went quiet");
            }
            sleep(250);
            long[] now = {host2.underlayPacketsReceived(), idle.underlayPacketsReceived()};
            if (now[0] != last[0] || now[1] != last[1]) {
                quietSince = System.nanoTime();
                last = now;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void reprogrammingMakesTheKernelMatchTheTableExactly() {
        populate();
        assertThat(host1.program(VNI, new L2Table(Set.of(new L2Table.Forwarding("fa:16:3e:00:00:02", host2.vtep())),
                Set.of(new L2Table.ArpEntry("10.9.0.2", "fa:16:3e:00:00:02")), Set.of(host2.vtep())))).isZero();

        int changes = host1.program(VNI, L2Table.empty());

        assertThat(changes).isEqualTo(3);
        assertThat(a.succeeds("ping", "-c", "1", "-W", "1", "10.9.0.2")).isFalse();
    }

    @Test
    void aRestartRemovesWhatACrashedRunLeftBehind() {
        String leftover = host1.namespace();
        Dataplane restarted = Dataplane.start("cdt");
        try {
            assertThat(Files.exists(Path.of("/var/run/netns", leftover))).isFalse();
        } finally {
            restarted.close();
            dataplane = null;
        }
    }
}
