package io.cascadia.api.fuzz;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.PostgresServer;
import net.jqwik.api.lifecycle.BeforeContainer;

class HostileInputOnPostgresTest extends HostileInputContract {
    @BeforeContainer
    static void start() {
        PostgresServer postgres = PostgresServer.get();
        open(new DatabaseConfig(postgres.newDatabase(), postgres.user(), "", 8));
    }
}
