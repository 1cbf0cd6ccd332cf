package io.cascadia.emulator.network;

import java.util.List;

/** A Neutron resource with standard-attribute tags. */
interface Tagged {
    List<String> tags();
}
