package io.cascadia.emulator.network;

/**
 * How a network is carried between hosts: {@code vxlan} with a VNI (the default), {@code vlan} with a VLAN id on a
 * physical network, {@code flat} on a physical network, or {@code local}.
 *
 * @param physicalNetwork null for vxlan and local
 * @param segmentationId the VNI or VLAN id; null for flat and local
 */
record Segment(String id, String networkType, String physicalNetwork, Integer segmentationId) {
    static final String VXLAN = "vxlan";

    int mtu() {
        return VXLAN.equals(networkType) ? 1450 : 1500;
    }
}
