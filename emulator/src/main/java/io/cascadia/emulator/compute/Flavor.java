package io.cascadia.emulator.compute;

import java.util.Map;

/** A Nova flavor; servers keep the flavor they were built with even when it is deleted later. */
record Flavor(String id, String name, int vcpus, int ramMb, int diskGb, int ephemeralGb, int swapMb, double rxtxFactor,
              boolean isPublic, boolean disabled, String description, Map<String, String> extraSpecs) {
}
