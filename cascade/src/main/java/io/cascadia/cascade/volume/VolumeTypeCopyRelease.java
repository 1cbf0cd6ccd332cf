package io.cascadia.cascade.volume;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.sites.SiteException;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code volume_type.delete}: once a volume type is deleted at the top (which Cinder allows only when no volume uses
 * it), deletes its copy in every site. A copy a site still uses (a volume made there behind Cascadia's back) is left
 * alone and forgotten.
 */
public final class VolumeTypeCopyRelease implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeTypeCopyRelease.class);

    private final VolumeTypes types;
    private final RoutingTable routing;
    private final SiteRegistry sites;

    public VolumeTypeCopyRelease(VolumeTypes types, RoutingTable routing, SiteRegistry sites) {
        this.types = requireNonNull(types, "types is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
    }

    @Override
    public JobType type() {
        return JobType.VOLUME_TYPE_RELEASE;
    }

    @Override
    public Result run(Job job) {
        if (types.find(job.resourceId()).isPresent()) {
            return Result.done();
        }
        for (Routing copy : routing.forTop(job.resourceId(), ResourceKind.VOLUME_TYPE)) {
            if (copy.bottomId() == null) {
                continue;
            }
            try {
                sites.client(copy.region()).cinder(null).deleteType(copy.bottomId());
                LOG.info("deleted the copy of volume type {} in site {}", job.resourceId(), copy.region());
            } catch (SiteException.Rejected rejected) {
                if (rejected.isTransient()) {
                    throw rejected;
                }
                LOG.warn("site {} keeps the copy of volume type {}: {}", copy.region(), job.resourceId(), rejected.faultMessage());
            }
            routing.remove(job.resourceId(), ResourceKind.VOLUME_TYPE, copy.region());
        }
        return Result.done();
    }
}
