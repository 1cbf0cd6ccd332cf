package io.cascadia.core.jobs;

import java.time.Instant;

/** A job as stored, with its progress. */
public record Job(long id, String type, String resourceType, String resourceId, String region, String payload,
                  JobState state, int attempts, Instant runAfter, Instant leaseUntil, String leasedBy, String lastError,
                  String requestId, Instant createdAt, Instant updatedAt) {
}
