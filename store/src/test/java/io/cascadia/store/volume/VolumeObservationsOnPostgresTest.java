package io.cascadia.store.volume;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.TestDatabases;

class VolumeObservationsOnPostgresTest extends VolumeObservationsContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.postgres();
    }
}
