package io.cascadia.api.quota;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.PostgresServer;

class ConcurrentQuotaOnPostgresTest extends ConcurrentQuotaContract {
    @Override
    DatabaseConfig newDatabase() {
        PostgresServer postgres = PostgresServer.get();
        return new DatabaseConfig(postgres.newDatabase(), postgres.user(), "", 8);
    }
}
