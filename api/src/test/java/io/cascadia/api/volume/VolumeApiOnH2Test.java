package io.cascadia.api.volume;

import io.cascadia.store.DatabaseConfig;
import java.util.UUID;

class VolumeApiOnH2Test extends VolumeApiContract {
    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("volume-" + UUID.randomUUID());
    }
}
