package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Flavor;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.sites.NovaApi;
import io.cascadia.store.compute.Flavors;
import io.cascadia.store.routing.RoutingTable;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code flavor.sync}: makes every site's copy of a flavor what the top flavor is now: its extra specs and the
 * projects given access; a flavor deleted at the top has its copies deleted (servers keep the flavor they were built
 * with, in sites as at the top).
 */
public final class FlavorSync implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FlavorSync.class);

    private final Flavors flavors;
    private final BottomFlavors bottomFlavors;
    private final RoutingTable routing;
    private final SiteRegistry sites;

    public FlavorSync(Flavors flavors, BottomFlavors bottomFlavors, RoutingTable routing, SiteRegistry sites) {
        this.flavors = requireNonNull(flavors, "flavors is null");
        this.bottomFlavors = requireNonNull(bottomFlavors, "bottomFlavors is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
    }

    @Override
    public JobType type() {
        return JobType.FLAVOR_SYNC;
    }

    @Override
    public Result run(Job job) {
        Optional<Flavor> top = flavors.find(job.resourceId());
        for (Routing copy : routing.forTop(job.resourceId(), ResourceKind.FLAVOR)) {
            if (copy.bottomId() == null) {
                continue;
            }
            NovaApi nova = sites.client(copy.region()).nova(null);
            if (top.isPresent()) {
                bottomFlavors.align(top.get(), nova, copy.bottomId());
            } else {
                nova.deleteFlavor(copy.bottomId());
                routing.remove(job.resourceId(), ResourceKind.FLAVOR, copy.region());
                LOG.info("deleted the copy of flavor {} in site {}", job.resourceId(), copy.region());
            }
        }
        return Result.done();
    }
}
