package io.cascadia.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.core.network.Network;
import io.cascadia.store.network.Networks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging over real tables: walking a list page by page from each page's last id returns every row once, in
 * the order asked for, whatever the directions of the sort keys. Runs against each database engine.
 */
abstract class ListingContract {
    private Database database;
    private Networks networks;

    abstract DatabaseConfig newDatabase();

    @BeforeEach
    void open() {
        database = Database.open(newDatabase(), null);
        networks = new Networks(database.jdbi());
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 23; i++) {
            networks.insert(new Network("00000000-0000-4000-8000-%012d".formatted(i), i % 2 == 0 ? "even" : "odd",
                    "net-" + (i % 5), "", true, false, false, 1450, true, List.of(), i, now, now));
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void pagesWalkEveryRowOnceInTheAskedOrderWithMixedDirections() {
        List<Listing.Order> order = List.of(new Listing.Order("t.name", false), new Listing.Order("t.project_id", true),
                new Listing.Order("t.id", true));
        List<String> walked = walk(new Filters(), order, 4);
        List<Network> all = networks.list(new Listing(new Filters(), order, null, 100));
        List<Network> expected = new ArrayList<>(all);
        expected.sort(Comparator.comparing(Network::name).reversed().thenComparing(Network::projectId).thenComparing(Network::id));
        assertThat(walked).hasSize(23).doesNotHaveDuplicates().containsExactlyElementsOf(expected.stream().map(Network::id).toList());
    }

    @Test
    void filtersApplyToEveryPageAndAnUnknownMarkerEndsTheList() {
        Filters filters = new Filters().in("t.project_id", List.of("even")).where("t.revision_number >= :min", Map.of("min", 4));
        List<String> walked = walk(filters, List.of(new Listing.Order("t.id", false)), 3);
        assertThat(walked).hasSize(10);
        assertThat(networks.list(new Listing(new Filters(), List.of(new Listing.Order("t.id", true)), "missing", 10))).isEmpty();
    }

    private List<String> walk(Filters filters, List<Listing.Order> order, int pageSize) {
        List<String> ids = new ArrayList<>();
        String marker = null;
        while (true) {
            List<Network> page = networks.list(new Listing(filters, order, marker, pageSize));
            page.forEach(n -> ids.add(n.id()));
            if (page.size() < pageSize) {
                return ids;
            }
            marker = page.getLast().id();
        }
    }
}
