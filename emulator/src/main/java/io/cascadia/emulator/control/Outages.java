package io.cascadia.emulator.control;

import java.time.Duration;

/** Takes a site off the network and back: its listener is closed (connections refused) and reopened on the same port. */
public interface Outages {
    void down();

    void up();

    /** Goes down shortly after the current request is answered, and up again after {@code length}. */
    void outage(Duration length);
}
