package io.cascadia.api.image;

import io.cascadia.store.DatabaseConfig;
import java.util.UUID;

class ImageApiOnH2Test extends ImageApiContract {
    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("image-" + UUID.randomUUID());
    }
}
