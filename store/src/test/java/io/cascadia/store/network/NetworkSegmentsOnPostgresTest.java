package io.cascadia.store.network;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.TestDatabases;

class NetworkSegmentsOnPostgresTest extends NetworkSegmentsContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.postgres();
    }
}
