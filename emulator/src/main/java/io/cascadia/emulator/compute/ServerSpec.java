package io.cascadia.emulator.compute;

import java.util.List;

/**
 * What a server was built from and where, fixed at create: flavor, image, placement, and the ports Nova created for
 * it (deleted with the server, unlike ports the caller gave).
 *
 * @param imageId null for a server booted from a volume
 * @param host the host the server was placed on; null when no host had room (the build fails)
 * @param instanceNumber the site-wide sequence number behind {@code instance-%08x}
 */
record ServerSpec(Flavor flavor, String imageId, String availabilityZone, String host, String keyName, String userData,
                  long instanceNumber, String reservationId, int launchIndex, boolean configDrive,
                  boolean autoDiskConfig, List<String> createdPortIds, String hostname) {

    String instanceName() {
        return "instance-%08x".formatted(instanceNumber);
    }
}
