package io.cascadia.store.routing;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.TestDatabases;

class RoutingTableOnPostgresTest extends RoutingTableContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.postgres();
    }
}
