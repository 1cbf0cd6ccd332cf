package io.cascadia.bench;

import java.util.Arrays;

/** Percentiles of latency samples, in the unit they were recorded in. */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    /** The value below which {@code p} percent of samples fall (nearest rank). */
    public double at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public int count() {
        return sorted.length;
    }
}
