package io.cascadia.api.identity;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.PostgresServer;

class IdentityApiOnPostgresTest extends IdentityApiContract {
    @Override
    DatabaseConfig newDatabase() {
        PostgresServer postgres = PostgresServer.get();
        return new DatabaseConfig(postgres.newDatabase(), postgres.user(), "", 8);
    }
}
