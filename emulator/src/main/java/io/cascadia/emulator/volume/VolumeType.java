package io.cascadia.emulator.volume;

import java.util.Map;

/** A Cinder volume type; every site has {@code __DEFAULT__}, administrators add more. */
record VolumeType(String id, String name, String description, boolean isPublic, Map<String, String> extraSpecs) {
    VolumeType {
        extraSpecs = Map.copyOf(extraSpecs);
    }
}
