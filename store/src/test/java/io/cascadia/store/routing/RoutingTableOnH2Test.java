package io.cascadia.store.routing;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.TestDatabases;

class RoutingTableOnH2Test extends RoutingTableContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.h2();
    }
}
