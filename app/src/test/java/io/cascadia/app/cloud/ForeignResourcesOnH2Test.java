package io.cascadia.app.cloud;

import io.cascadia.app.Settings;

class ForeignResourcesOnH2Test extends ForeignResourcesContract {
    @Override
    Settings settings() {
        return Settings.empty();
    }
}
