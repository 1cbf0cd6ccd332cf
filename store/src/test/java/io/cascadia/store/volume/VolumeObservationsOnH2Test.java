package io.cascadia.store.volume;

import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.TestDatabases;

class VolumeObservationsOnH2Test extends VolumeObservationsContract {
    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.h2();
    }
}
