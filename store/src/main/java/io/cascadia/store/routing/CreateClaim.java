package io.cascadia.store.routing;

/**
 * The outcome of asking to create a bottom copy: this caller must create (or adopt) it, someone else is creating it
 * right now, or it exists already with the given bottom id.
 */
public sealed interface CreateClaim permits CreateClaim.Mine, CreateClaim.Busy, CreateClaim.Exists {
    /**
     * @param mayExist whether an earlier claimant may have created the copy in the site before it died, so the
     *     caller must look for it by name first; false when no create was ever attempted
     */
    record Mine(boolean mayExist) implements CreateClaim {
    }

    record Busy() implements CreateClaim {
    }

    record Exists(String bottomId) implements CreateClaim {
    }
}
