package io.cascadia.api.network;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.PostgresServer;

class NetworkApiOnPostgresTest extends NetworkApiContract {
    @Override
    DatabaseConfig newDatabase() {
        PostgresServer postgres = PostgresServer.get();
        return new DatabaseConfig(postgres.newDatabase(), postgres.user(), "", 8);
    }
}
