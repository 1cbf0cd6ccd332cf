package io.cascadia.api.network;

import io.cascadia.store.DatabaseConfig;
import java.util.UUID;

class NetworkApiOnH2Test extends NetworkApiContract {
    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("network-" + UUID.randomUUID());
    }
}
