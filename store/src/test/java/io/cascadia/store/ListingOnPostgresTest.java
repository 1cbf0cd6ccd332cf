package io.cascadia.store;

import io.cascadia.testkit.PostgresServer;

class ListingOnPostgresTest extends ListingContract {
    @Override
    DatabaseConfig newDatabase() {
        PostgresServer postgres = PostgresServer.get();
        return new DatabaseConfig(postgres.newDatabase(), postgres.user(), "", 4);
    }
}
