package io.cascadia.core.compute;

import java.util.Map;

/**
 * The flavor a server was built with, copied into the server as Nova does, so the server keeps its size when the
 * flavor is changed or deleted.
 */
public record ServerFlavor(String id, String name, int vcpus, int ramMb, int diskGb, int ephemeralGb, int swapMb,
                           Map<String, String> extraSpecs) {
    public ServerFlavor {
        extraSpecs = Map.copyOf(extraSpecs);
    }

    public static ServerFlavor of(Flavor flavor) {
        return new ServerFlavor(flavor.id(), flavor.name(), flavor.vcpus(), flavor.ramMb(), flavor.diskGb(),
                flavor.ephemeralGb(), flavor.swapMb(), flavor.extraSpecs());
    }
}
