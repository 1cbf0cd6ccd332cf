package io.cascadia.api.fuzz;

import io.cascadia.store.DatabaseConfig;
import java.util.UUID;
import net.jqwik.api.lifecycle.BeforeContainer;

class HostileInputOnH2Test extends HostileInputContract {
    @BeforeContainer
    static void start() {
        open(DatabaseConfig.inMemory("fuzz-" + UUID.randomUUID()));
    }
}
