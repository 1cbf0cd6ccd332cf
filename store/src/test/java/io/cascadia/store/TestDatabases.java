package io.cascadia.store;

import io.cascadia.testkit.PostgresServer;
import java.util.UUID;

/** Fresh databases for store tests, one per engine. */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static DatabaseConfig h2() {
        return DatabaseConfig.inMemory("store-" + UUID.randomUUID());
    }

    public static DatabaseConfig postgres() {
        PostgresServer server = PostgresServer.get();
        return new DatabaseConfig(server.newDatabase(), server.user(), "", 8);
    }
}
