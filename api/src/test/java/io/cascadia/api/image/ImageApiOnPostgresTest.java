package io.cascadia.api.image;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.PostgresServer;

class ImageApiOnPostgresTest extends ImageApiContract {
    @Override
    DatabaseConfig newDatabase() {
        PostgresServer postgres = PostgresServer.get();
        return new DatabaseConfig(postgres.newDatabase(), postgres.user(), "", 8);
    }
}
