package io.cascadia.store.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.store.Database;
import io.cascadia.store.DatabaseConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing table maps top ids to bottom ids per site, both ways, and pages through its rows. */
abstract class RoutingTableContract {
    private Database database;
    private RoutingTable routing;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    abstract DatabaseConfig newDatabase();

    @BeforeEach
    void open() {
        database = Database.open(newDatabase(), null);
        routing = new RoutingTable(database.jdbi());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCopyIsCreatingUntilItsBottomIdIsKnownThenFoundBothWays() {
        routing.beginCreate("top-1", ResourceKind.NETWORK, "site1", now);
        routing.beginCreate("top-1", ResourceKind.NETWORK, "site1", now.plusSeconds(1));
        assertThat(routing.find("top-1", ResourceKind.NETWORK, "site1")).hasValueSatisfying(row -> {
            assertThat(row.state()).isEqualTo(RoutingState.CREATING);
            assertThat(row.bottomId()).isNull();
            assertThat(row.createdAt()).isEqualTo(now);
        });

        routing.markActive("top-1", ResourceKind.NETWORK, "site1", "bottom-1", now.plusSeconds(2));

        Routing row = routing.findByBottom("site1", ResourceKind.NETWORK, "bottom-1").orElseThrow();
        assertThat(row.topId()).isEqualTo("top-1");
        assertThat(row.state()).isEqualTo(RoutingState.ACTIVE);
        assertThat(routing.topIdsOf("site1", ResourceKind.NETWORK, List.of("bottom-1", "unknown"))).isEqualTo(Map.of("bottom-1", "top-1"));
    }

    @Test
    void onlyAClaimTakenOverFromAnEarlierClaimantMayFindACopyInTheSite() {
        Instant later = now.plusSeconds(120);
        assertThat(routing.claimCreate("fresh", ResourceKind.PORT, "site1", now, now.minusSeconds(60))).isEqualTo(new CreateClaim.Mine(false));
        assertThat(routing.claimCreate("fresh", ResourceKind.PORT, "site1", now.plusSeconds(1), now.minusSeconds(59)))
                .isEqualTo(new CreateClaim.Busy());
        assertThat(routing.claimCreate("fresh", ResourceKind.PORT, "site1", later, later.minusSeconds(60)))
                .as("the first claimant died, perhaps after the site made the copy").isEqualTo(new CreateClaim.Mine(true));

        routing.beginCreate("placed", ResourceKind.SERVER, "site1", now);
        assertThat(routing.claimCreate("placed", ResourceKind.SERVER, "site1", now.plusSeconds(1), now.plusSeconds(1)))
                .as("placement only chose the site").isEqualTo(new CreateClaim.Mine(false));
        assertThat(routing.claimCreate("placed", ResourceKind.SERVER, "site1", now.plusSeconds(3), now.plusSeconds(2)))
                .isEqualTo(new CreateClaim.Mine(true));

        routing.markActive("placed", ResourceKind.SERVER, "site1", "bottom-1", now.plusSeconds(4));
        assertThat(routing.claimCreate("placed", ResourceKind.SERVER, "site1", later, later)).isEqualTo(new CreateClaim.Exists("bottom-1"));
    }

    @Test
    void aResourceCanHaveOneCopyPerSite() {
        routing.markActive("top-1", ResourceKind.NETWORK, "site1", "b1", now);
        routing.markActive("top-1", ResourceKind.NETWORK, "site2", "b2", now);

        assertThat(routing.forTop("top-1", ResourceKind.NETWORK)).extracting(Routing::region).containsExactly("site1", "site2");
        routing.markDeleting("top-1", ResourceKind.NETWORK, "site1", now);
        assertThat(routing.find("top-1", ResourceKind.NETWORK, "site1").orElseThrow().state()).isEqualTo(RoutingState.DELETING);
        assertThat(routing.remove("top-1", ResourceKind.NETWORK, "site1")).isTrue();
        assertThat(routing.forTop("top-1", ResourceKind.NETWORK)).extracting(Routing::region).containsExactly("site2");
    }

    @Test
    void theCopiesOfManyResourcesInEverySiteAreReadAtOnce() {
        routing.markActive("port-1", ResourceKind.PORT, "site1", "b1", now);
        routing.markActive("port-1", ResourceKind.PORT, "site2", "b2", now);
        routing.markActive("port-2", ResourceKind.REMOTE_PORT, "site1", "b3", now);
        routing.markActive("port-3", ResourceKind.PORT, "site1", "b4", now);

        assertThat(routing.forTops(ResourceKind.PORT, List.of("port-1", "port-2")))
                .extracting(row -> row.topId() + "@" + row.region()).containsExactly("port-1@site1", "port-1@site2");
        assertThat(routing.forTops(ResourceKind.PORT, List.of())).isEmpty();
    }

    @Test
    void listingPagesInAStableOrder() {
        for (int i = 0; i < 5; i++) {
            routing.markActive("top-" + i, ResourceKind.SERVER, "site1", "b" + i, now);
        }
        List<Routing> first = routing.list(null, "site1", "server", null, 2);
        List<Routing> second = routing.list(null, "site1", "server", first.getLast(), 2);
        List<Routing> third = routing.list(null, "site1", "server", second.getLast(), 2);

        assertThat(first).extracting(Routing::topId).containsExactly("top-0", "top-1");
        assertThat(second).extracting(Routing::topId).containsExactly("top-2", "top-3");
        assertThat(third).extracting(Routing::topId).containsExactly("top-4");
    }
}
