package io.cascadia.store.jobs;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.TestDatabases;

class JobsOnH2Test extends JobsContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.h2();
    }
}
