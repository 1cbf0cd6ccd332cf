package io.cascadia.core.jobs;

import java.time.Instant;

/** A job as stored, with its progress; a running job carries the token of the claim that runs it. */
public record Job(long id, String type, String resourceType, String resourceId, String region, String payload,
                  JobState state, int attempts, Instant runAfter, Instant leaseUntil, String leasedBy,
                  String leaseToken, String lastError, String requestId, Instant createdAt, Instant updatedAt) {
    /** The id a job made by {@link JobSpec#inSite} is about: its key without the {@code @<region>}. */
    public String idInSite() {
        int at = resourceId.indexOf('@');
        return at < 0 ? resourceId : resourceId.substring(0, at);
    }

    /** The claim this job was read under; only a job as a claim returned it has one. */
    public Lease lease() {
        if (leaseToken == null) {
            throw new IllegalStateException("job " + id + " is not leased");
        }
        return new Lease(id, leaseToken);
    }
}
