package io.cascadia.api.volume;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.PostgresServer;

class VolumeApiOnPostgresTest extends VolumeApiContract {
    @Override
    DatabaseConfig newDatabase() {
        PostgresServer postgres = PostgresServer.get();
        return new DatabaseConfig(postgres.newDatabase(), postgres.user(), "", 8);
    }
}
