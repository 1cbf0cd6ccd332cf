package io.cascadia.api.quota;

import io.cascadia.store.DatabaseConfig;
import java.util.UUID;

class ConcurrentQuotaOnH2Test extends ConcurrentQuotaContract {
    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("quota-" + UUID.randomUUID());
    }
}
