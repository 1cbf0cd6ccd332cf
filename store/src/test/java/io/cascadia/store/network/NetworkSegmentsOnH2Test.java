package io.cascadia.store.network;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.TestDatabases;

class NetworkSegmentsOnH2Test extends NetworkSegmentsContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.h2();
    }
}
