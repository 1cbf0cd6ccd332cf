package io.cascadia.cascade.scheduling;

import io.cascadia.core.sites.AvailabilityZone;

/** Where a server or volume goes: a site and zone, nowhere yet (sites of its zone are down), or nowhere (why not). */
public sealed interface Placement permits Placement.Placed, Placement.Wait, Placement.NoValidHost {
    record Placed(AvailabilityZone zone) implements Placement {
    }

    /** Every site that could take it is degraded: wait for one to come back rather than fail at once. */
    record Wait(String reason) implements Placement {
    }

    record NoValidHost(String reason) implements Placement {
    }
}
