package io.cascadia.core.network;

/**
 * One address of a device (a server), as Nova shows it under {@code addresses}: the network it is on (by name), the
 * port's MAC and the address.
 */
public record DeviceAddress(String deviceId, String networkId, String networkName, String macAddress, String ipAddress) {
}
