package io.cascadia.cascade.jobs;

/** The steps of a job where a crash matters most; tests stop a worker dead at each to prove recovery. */
public enum FaultPoint {
    /** A routing row says "creating"; the site has not been asked yet. */
    BEFORE_SITE_CALL,
    /** The site has created the copy; the routing table does not know its bottom id yet. */
    AFTER_SITE_CALL,
    /** A copy is marked {@code deleting} for release; the site has not been asked to delete it yet. */
    BEFORE_RELEASE,
    /** The job's work is done; the job is not yet recorded as succeeded. */
    BEFORE_RECORDING_RESULT
}
