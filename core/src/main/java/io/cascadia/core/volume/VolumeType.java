package io.cascadia.core.volume;

import java.util.Map;

/** A Cinder volume type; {@code __DEFAULT__} exists in every deployment. */
public record VolumeType(String id, String name, String description, boolean isPublic, Map<String, String> extraSpecs) {
    public static final String DEFAULT_NAME = "__DEFAULT__";

    public VolumeType {
        extraSpecs = Map.copyOf(extraSpecs);
    }
}
