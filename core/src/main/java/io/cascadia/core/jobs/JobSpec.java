package io.cascadia.core.jobs;

import static java.util.Objects.requireNonNull;

/**
 * A unit of work for the proxies, as written to the outbox with the change that needs it.
 *
 * @param type what to do, e.g. {@code server.create}
 * @param resourceType the kind of top resource it concerns, e.g. {@code server}
 * @param resourceId the top id; jobs on one resource run one at a time, in order
 * @param region the site it must run against, or null when the scheduler has yet to choose
 * @param payload JSON with whatever the job needs beyond the top database (usually {@code {}}: reconcilers read
 *     desired state from the database, never from the job)
 * @param priority {@link #USER_FACING} for work a user waits for, {@link #BACKGROUND} for the rest; waiting jobs are
 *     claimed by priority, then in order
 */
public record JobSpec(String type, String resourceType, String resourceId, String region, String payload, int priority) {
    public static final int USER_FACING = 0;
    public static final int BACKGROUND = 1;

    public JobSpec {
        requireNonNull(type, "type is null");
        requireNonNull(resourceType, "resourceType is null");
        requireNonNull(resourceId, "resourceId is null");
        payload = payload == null ? "{}" : payload;
    }

    public JobSpec(String type, String resourceType, String resourceId, String region, String payload) {
        this(type, resourceType, resourceId, region, payload, USER_FACING);
    }

    public static JobSpec of(String type, String resourceType, String resourceId, String region) {
        return new JobSpec(type, resourceType, resourceId, region, "{}");
    }

    /** The same job, run after the user-facing ones that wait with it. */
    public JobSpec inBackground() {
        return new JobSpec(type, resourceType, resourceId, region, payload, BACKGROUND);
    }
}
