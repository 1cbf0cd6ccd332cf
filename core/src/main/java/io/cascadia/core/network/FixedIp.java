package io.cascadia.core.network;

/** An address of a port, allocated from one subnet; unique within the network. */
public record FixedIp(String subnetId, String ipAddress) {
}
