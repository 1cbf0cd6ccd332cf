package io.cascadia.api.compute;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.PostgresServer;

class ComputeApiOnPostgresTest extends ComputeApiContract {
    @Override
    DatabaseConfig newDatabase() {
        PostgresServer postgres = PostgresServer.get();
        return new DatabaseConfig(postgres.newDatabase(), postgres.user(), "", 8);
    }
}
