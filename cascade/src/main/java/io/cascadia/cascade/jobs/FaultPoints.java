package io.cascadia.cascade.jobs;

/**
 * Told when a job passes a {@link FaultPoint}. Production passes {@link #NONE}; crash tests pass one that throws an
 * {@link Error} at a chosen point, which kills the job the way a dead process would: no result is recorded and the
 * job's lease must run out before another worker takes it.
 */
@FunctionalInterface
public interface FaultPoints {
    FaultPoints NONE = (point, what) -> {
    };

    void reached(FaultPoint point, String what);
}
