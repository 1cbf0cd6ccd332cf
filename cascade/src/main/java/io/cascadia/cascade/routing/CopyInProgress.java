package io.cascadia.cascade.routing;

/** Another worker is creating the same bottom copy right now; try again shortly. */
public final class CopyInProgress extends RuntimeException {
    public CopyInProgress(String what) {
        super(what + " is being created by another worker", null, false, false);
    }
}
