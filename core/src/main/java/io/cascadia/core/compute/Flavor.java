package io.cascadia.core.compute;

import java.util.Map;

/** A Nova flavor: the size of a server. A private flavor is usable only by projects given access to it. */
public record Flavor(String id, String name, int vcpus, int ramMb, int diskGb, int ephemeralGb, int swapMb,
                     double rxtxFactor, boolean isPublic, String description, Map<String, String> extraSpecs) {
    public Flavor {
        extraSpecs = Map.copyOf(extraSpecs);
    }

    public Flavor withExtraSpecs(Map<String, String> extraSpecs) {
        return new Flavor(id, name, vcpus, ramMb, diskGb, ephemeralGb, swapMb, rxtxFactor, isPublic, description, extraSpecs);
    }
}
