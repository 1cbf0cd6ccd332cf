package io.cascadia.api.compute;

import io.cascadia.store.DatabaseConfig;
import java.util.UUID;

class ComputeApiOnH2Test extends ComputeApiContract {
    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("compute-" + UUID.randomUUID());
    }
}
