package io.cascadia.store;

import java.util.UUID;

class ListingOnH2Test extends ListingContract {
    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("listing-" + UUID.randomUUID());
    }
}
