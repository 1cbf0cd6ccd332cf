package io.cascadia.cascade.image;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.JobHandler;
import io.cascadia.cascade.jobs.Result;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.store.image.ImageUsage;
import io.cascadia.store.image.Images;
import io.cascadia.store.routing.RoutingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code image.release}: once an image is deleted at the top, deletes its copy in every site where no server booted
 * from it remains; copies still in use stay until the last such server goes (its deletion runs this again). An image
 * that still exists keeps all its copies.
 */
public final class ImageCopyRelease implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCopyRelease.class);

    private final Images images;
    private final ImageUsage usage;
    private final RoutingTable routing;
    private final SiteRegistry sites;

    public ImageCopyRelease(Images images, ImageUsage usage, RoutingTable routing, SiteRegistry sites) {
        this.images = requireNonNull(images, "images is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.sites = requireNonNull(sites, "sites is null");
    }

    @Override
    public JobType type() {
        return JobType.IMAGE_RELEASE;
    }

    @Override
    public Result run(Job job) {
        String imageId = job.resourceId();
        if (images.find(imageId).isPresent()) {
            return Result.done();
        }
        for (Routing copy : routing.forTop(imageId, ResourceKind.IMAGE)) {
            if (copy.bottomId() == null
                    || sites.regionsUsingImagesOf(copy.region()).stream().anyMatch(region -> usage.inSite(imageId, region))) {
                // Being copied for a server right now, or in use (in any region sharing this Glance): that server's
                // deletion runs this again.
                LOG.info("image {} is deleted but a server in site {} still uses its copy", imageId, copy.region());
                continue;
            }
            sites.client(copy.region()).glance(null).deleteImage(copy.bottomId());
            routing.remove(imageId, ResourceKind.IMAGE, copy.region());
            LOG.info("deleted the copy of image {} in site {}", imageId, copy.region());
        }
        return Result.done();
    }
}
