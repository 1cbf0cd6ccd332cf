package io.cascadia.core.compute;

/**
 * One address of a server as Nova shows it under {@code addresses}: the network (by id and by the name it had when
 * the address was cached), the port's MAC and the address.
 */
public record ServerAddress(String networkId, String networkName, String macAddress, String ipAddress) {
}
