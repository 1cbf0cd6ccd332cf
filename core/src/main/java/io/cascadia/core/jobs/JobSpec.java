package io.cascadia.core.jobs;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.routing.ResourceKind;

/**
 * A unit of work for the proxies, as written to the outbox with the change that needs it.
 *
 * @param type what to do; it names the kind of resource the key is
 * @param resourceId the key: the top id, or {@code <top id>@<region>} for per-site jobs; jobs on one key run one at a
 *     time, in order
 * @param region the site it must run against, or null when the scheduler has yet to choose
 * @param payload JSON with whatever the job needs beyond the top database (usually {@code {}}: reconcilers read
 *     desired state from the database, never from the job)
 * @param priority {@link #USER_FACING} for work a user waits for, {@link #BACKGROUND} for the rest; waiting jobs are
 *     claimed by priority, then in order
 */
public record JobSpec(JobType type, String resourceId, String region, String payload, int priority) {
    public static final int USER_FACING = 0;
    public static final int BACKGROUND = 1;

    public JobSpec {
        requireNonNull(type, "type is null");
        requireNonNull(resourceId, "resourceId is null");
        payload = payload == null ? "{}" : payload;
    }

    public JobSpec(JobType type, String resourceId, String region, String payload) {
        this(type, resourceId, region, payload, USER_FACING);
    }

    public static JobSpec of(JobType type, String resourceId, String region) {
        return new JobSpec(type, resourceId, region, "{}");
    }

    /** A job on one resource in one site, keyed {@code <id>@<region>} so that each site's job runs on its own. */
    public static JobSpec inSite(JobType type, String id, String region) {
        requireNonNull(region, "region is null");
        return of(type, id + "@" + region, region);
    }

    public ResourceKind resourceKind() {
        return type.kind();
    }

    /** The same job, run after the user-facing ones that wait with it. */
    public JobSpec inBackground() {
        return new JobSpec(type, resourceId, region, payload, BACKGROUND);
    }
}
