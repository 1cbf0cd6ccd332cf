package io.cascadia.app.cloud;

import io.cascadia.app.Settings;
import io.cascadia.testkit.PostgresServer;

class ForeignResourcesOnPostgresTest extends ForeignResourcesContract {
    @Override
    Settings settings() {
        PostgresServer postgres = PostgresServer.get();
        return Settings.empty().with("db.url", postgres.newDatabase()).with("db.user", postgres.user());
    }
}
