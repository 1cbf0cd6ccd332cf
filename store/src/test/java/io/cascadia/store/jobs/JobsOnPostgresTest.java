package io.cascadia.store.jobs;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.TestDatabases;

class JobsOnPostgresTest extends JobsContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.postgres();
    }
}
