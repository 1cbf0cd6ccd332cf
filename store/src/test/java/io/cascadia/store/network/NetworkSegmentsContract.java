package io.cascadia.store.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascadia.core.network.Network;
import io.cascadia.store.Database;
import io.cascadia.store.DatabaseConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every top network gets one VNI of the range, its own, kept until the network is deleted. */
abstract class NetworkSegmentsContract {
    private static final NetworkSegments.Range RANGE = new NetworkSegments.Range(5000, 5003);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private Database database;
    private NetworkSegments segments;
    private Networks networks;

    abstract DatabaseConfig newDatabase();

    @BeforeEach
    void open() {
        database = Database.open(newDatabase(), null);
        segments = new NetworkSegments(database.jdbi());
        networks = new Networks(database.jdbi());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String network(String id) {
        networks.insert(new Network(id, "project", id, "", true, false, false, 1450, true, List.of(), 1, now, now));
        return id;
    }

    @Test
    void aNetworkKeepsTheVniItWasGivenFirst() {
        String net = network("net-1");

        int vni = segments.vniOf(net, RANGE, now);

        assertThat(vni).isEqualTo(5000);
        assertThat(segments.vniOf(net, RANGE, now)).isEqualTo(vni);
        assertThat(segments.find(net)).contains(vni);
    }

    @Test
    void networksAllocatingAtOnceGetDistinctVnis() throws Exception {
        List<String> nets = List.of(network("a"), network("b"), network("c"), network("d"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> allocating = new ArrayList<>();
            for (String net : nets) {
                allocating.add(pool.submit((Callable<Integer>) () -> segments.vniOf(net, RANGE, now)));
            }
            Set<Integer> vnis = new HashSet<>();
            for (Future<Integer> vni : allocating) {
                vnis.add(vni.get());
            }
            assertThat(vnis).containsExactlyInAnyOrder(5000, 5001, 5002, 5003);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFullRangeRefusesAndAFreedVniIsReusedOnlyOnceTheRangeIsUsedUp() {
        for (String net : List.of("a", "b", "c", "d")) {
            segments.vniOf(network(net), RANGE, now);
        }
        String late = network("late");
        assertThatThrownBy(() -> segments.vniOf(late, RANGE, now))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no free VNI left in 5000-5003");

        networks.delete("b");

        assertThat(segments.find("b")).isEmpty();
        assertThat(segments.vniOf(late, RANGE, now)).isEqualTo(5001);
    }

    @Test
    void aRangeIsReadFromFirstDashLast() {
        assertThat(NetworkSegments.Range.parse("1000000-1999999")).isEqualTo(new NetworkSegments.Range(1_000_000, 1_999_999));
        assertThatThrownBy(() -> NetworkSegments.Range.parse("10-1")).hasMessageContaining("10-1");
        assertThatThrownBy(() -> NetworkSegments.Range.parse("many")).hasMessageContaining("FIRST-LAST");
        assertThatThrownBy(() -> NetworkSegments.Range.parse("1-16777216")).hasMessageContaining("1-16777215");
    }
}
