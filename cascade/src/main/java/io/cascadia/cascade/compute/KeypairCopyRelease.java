package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.routing.RoutingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code keypair.delete}: once a keypair is deleted at the top, deletes its copies in every site (servers built with
 * it keep the key they were given, as in Nova).
 */
public final class KeypairCopyRelease implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(KeypairCopyRelease.class);

    private final Keypairs keypairs;
    private final RoutingTable routing;
    private final SiteRegistry sites;

    public KeypairCopyRelease(Keypairs keypairs, RoutingTable routing, SiteRegistry sites) {
        this.keypairs = requireNonNull(keypairs, "keypairs is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
    }

    @Override
    public JobType type() {
        return JobType.KEYPAIR_RELEASE;
    }

    @Override
    public Result run(Job job) {
        if (keypairs.findById(Long.parseLong(job.resourceId())).isPresent()) {
            return Result.done();
        }
        for (Routing copy : routing.forTop(job.resourceId(), ResourceKind.KEYPAIR)) {
            if (copy.bottomId() != null) {
                // The service user owns every copy, whichever project it was made for.
                sites.client(copy.region()).nova(null).deleteKeypair(copy.bottomId());
                routing.remove(job.resourceId(), ResourceKind.KEYPAIR, copy.region());
                LOG.info("deleted the copy of keypair {} in site {}", job.resourceId(), copy.region());
            }
        }
        return Result.done();
    }
}
