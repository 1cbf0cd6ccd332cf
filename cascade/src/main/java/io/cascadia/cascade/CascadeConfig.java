package io.cascadia.cascade;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobWorkerConfig;
import io.cascadia.cascade.polling.PollConfig;
import io.cascadia.store.network.NetworkSegments;
import java.time.Duration;

/**
 * Settings of the cascading machinery.
 *
 * @param jobs the job worker ({@code jobs.*})
 * @param poll the status pollers ({@code poll.*})
 * @param schedulingMaxWait how long a new server waits for a site of its zone to come back before it fails
 *     ({@code scheduler.max-wait})
 * @param capacityRefresh how often a site's hypervisors are read for scheduling ({@code scheduler.capacity-refresh})
 * @param claimLease how long a claim to create a bottom copy holds before another worker may take it over
 *     ({@code jobs.copy-claim-lease})
 * @param vniRange the VXLAN ids given to top networks, the same in every site; keep it out of the sites' own tenant
 *     VNI ranges ({@code l2.vni-range})
 */
public record CascadeConfig(JobWorkerConfig jobs, PollConfig poll, Duration schedulingMaxWait, Duration capacityRefresh,
                            Duration claimLease, NetworkSegments.Range vniRange) {
    public CascadeConfig {
        requireNonNull(jobs, "jobs is null");
        requireNonNull(poll, "poll is null");
        requireNonNull(schedulingMaxWait, "schedulingMaxWait is null");
        requireNonNull(capacityRefresh, "capacityRefresh is null");
        requireNonNull(claimLease, "claimLease is null");
        requireNonNull(vniRange, "vniRange is null");
    }

    public static CascadeConfig defaults() {
        return new CascadeConfig(JobWorkerConfig.defaults(), PollConfig.defaults(), Duration.ofMinutes(10),
                Duration.ofSeconds(10), Duration.ofSeconds(60), new NetworkSegments.Range(1_000_000, 1_999_999));
    }
}
