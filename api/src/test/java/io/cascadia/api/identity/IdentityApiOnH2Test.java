package io.cascadia.api.identity;

import io.cascadia.store.DatabaseConfig;
import java.util.UUID;

class IdentityApiOnH2Test extends IdentityApiContract {
    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("identity-" + UUID.randomUUID());
    }
}
