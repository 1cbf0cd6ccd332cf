package io.cascadia.emulator.runtime;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The faults a site is told to show: latency added to every API request, and the share of creates that fail
 * (servers and volumes end in ERROR with a fault; synchronous creates answer 500). Changes apply to the next
 * request. The failure draw is seeded, so a test that sets a share gets the same sequence every run. Thread-safe.
 */
public final class FaultPlan {
    private static final long MAX_LATENCY_MILLIS = 600_000;

    private volatile Duration latency = Duration.ZERO;
    private volatile double createFailureRate;
    private final SplittableRandom random;

    public FaultPlan(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public Duration latency() {
        return latency;
    }

    /**
     * @throws IllegalArgumentException when negative or over ten minutes
     */
    public void latency(Duration latency) {
        if (latency.isNegative() || latency.toMillis() > MAX_LATENCY_MILLIS) {
            throw new IllegalArgumentException("latency must be between 0 and 600 s, got: " + latency);
        }
        this.latency = latency;
    }

    public double createFailureRate() {
        return createFailureRate;
    }

    /**
     * @param rate the share of creates that fail, from 0 (none) to 1 (all)
     * @throws IllegalArgumentException when outside [0, 1]
     */
    public void createFailureRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("create failure rate must be between 0 and 1, got: " + rate);
        }
        this.createFailureRate = rate;
    }

    /** Draws whether the create being made now fails. */
    public boolean nextCreateFails() {
        double rate = createFailureRate;
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }

    /** Sleeps for the configured latency; used before a request is served. */
    public void delay() throws InterruptedException {
        Duration current = latency;
        if (!current.isZero()) {
            Thread.sleep(current);
        }
    }

    public void clear() {
        latency = Duration.ZERO;
        createFailureRate = 0;
    }
}
