package io.cascadia.emulator.network;

/** A port's operational status as Neutron reports it. */
enum PortStatus {
    /** Wired by an agent (or bound to a remote tunnel endpoint): traffic flows, l2 population announces it. */
    ACTIVE,
    /** Not bound, bound to no agent, administratively down, or its device is not plugged. */
    DOWN
}
