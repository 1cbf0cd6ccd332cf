package io.cascadia.core.jobs;

/** Where a job is: waiting to run (possibly after a backoff), leased by a worker, done, or given up on. */
public enum JobState {
    PENDING, RUNNING, SUCCEEDED, FAILED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JobState fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
