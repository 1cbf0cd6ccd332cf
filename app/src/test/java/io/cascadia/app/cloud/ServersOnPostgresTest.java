package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.app.Settings;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.testkit.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server lifecycle across sites with the top on PostgreSQL, the engine for several Cascadia nodes: servers
 * built in two zones go ACTIVE, and deleting them leaves nothing in any site.
 */
class ServersOnPostgresTest {
    @TempDir
    Path dataDir;

    @Test
    void serversAreBuiltInTheirZonesAndDeletedWithoutLeftoversOnPostgres() {
        PostgresServer postgres = PostgresServer.get();
        Settings settings = Settings.empty()
                .with("db.url", postgres.newDatabase())
                .with("db.user", postgres.user());
        try (TestCloud cloud = TestCloud.start(dataDir, 2, FaultPoints.NONE, Duration.ofMillis(300), settings)) {
            TestCloud.Basics basics = cloud.basics("pg", "10.60.0.0/24");
            List<String> servers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                servers.add(cloud.createServer("pg" + i, basics, "az" + (1 + i % 2)));
            }
            servers.forEach(id -> cloud.awaitServer(id, "ACTIVE", Duration.ofSeconds(30)));
            assertThat(cloud.bottomServers(1)).hasSize(2);
            assertThat(cloud.bottomServers(2)).hasSize(2);

            servers.forEach(id -> assertThat(cloud.client().send("DELETE", "/compute/v2.1/servers/" + id, cloud.asDemo(), null)
                    .status()).isEqualTo(204));
            TestCloud.await(() -> cloud.bottomServers(1).isEmpty() && cloud.bottomServers(2).isEmpty()
                            && cloud.bottom(1, "network").isEmpty() && cloud.bottom(2, "network").isEmpty(),
                    Duration.ofSeconds(30), () -> "leftovers in the sites");
            TestCloud.await(() -> servers.stream().allMatch(id -> cloud.client()
                            .get("/compute/v2.1/servers/" + id, cloud.asDemo()).status() == 404),
                    Duration.ofSeconds(30), () -> "servers still listed at the top");
        }
    }
}
