package io.cascadia.emulator.network;

/** One address of a port, on one subnet. */
record FixedIp(String subnetId, String ipAddress) {
}
