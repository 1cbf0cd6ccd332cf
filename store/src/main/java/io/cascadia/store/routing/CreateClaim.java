package io.cascadia.store.routing;

/**
 * The outcome of asking to create a bottom copy: this caller must create (or adopt) it, someone else is creating it
 * right now, or it exists already with the given bottom id.
 */
public sealed interface CreateClaim permits CreateClaim.Mine, CreateClaim.Busy, CreateClaim.Exists {
    record Mine() implements CreateClaim {
    }

    record Busy() implements CreateClaim {
    }

    record Exists(String bottomId) implements CreateClaim {
    }
}
