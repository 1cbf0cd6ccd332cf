package io.cascadia.cascade.image;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.image.Image;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.sites.GlanceApi;
import io.cascadia.sites.SiteClient;
import io.cascadia.sites.SiteException;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.image.Images;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies of top images in sites, made the first time a site needs one: the record ({@code name@<top id>}, the
 * top's formats, {@code cascadia_top_id} property), then the data, streamed from the top database one chunk at a
 * time (never whole in memory) and checked against the top's MD5 after upload.
 * Public and community images are copied as public images of the service project; others as private images of the
 * project that boots them. The routing claim makes it once per site even under concurrent boots; after a crash only
 * a copy proven Cascadia's ({@link Ownership}: name, property and that owner) is adopted.
 */
public final class BottomImages {
    private static final Logger LOG = LoggerFactory.getLogger(BottomImages.class);

    private final SiteRegistry sites;
    private final Images images;
    private final BottomCopies copies;

    public BottomImages(SiteRegistry sites, Images images, BottomCopies copies) {
        this.sites = requireNonNull(sites, "sites is null");
        this.images = requireNonNull(images, "images is null");
        this.copies = requireNonNull(copies, "copies is null");
    }

    /**
     * The id of the image's copy in the region's Glance, made there if missing. A Glance that several regions share
     * gets one copy, recorded under the first of them ({@link SiteRegistry#imageRegion}).
     */
    public String ensure(Image image, String region, String projectId) {
        boolean everyone = image.visibility().equals("public") || image.visibility().equals("community");
        String holder = sites.imageRegion(region);
        SiteClient site = sites.client(holder);
        GlanceApi glance = site.glance(everyone ? null : projectId);
        String name = BottomNames.of(image.name(), image.id());
        return copies.ensure(image.id(), ResourceKind.IMAGE, holder, new BottomCopies.Recipe(
                id -> glance.image(id).map(i -> i.path("status").asText().equals("active")).orElse(false),
                () -> glance.imagesNamed(name).stream()
                        .filter(i -> i.path("status").asText().equals("active"))
                        .map(SiteResources::image)
                        .filter(found -> Ownership.isCopyOf(found, image.id(), everyone ? site.serviceProjectId() : projectId))
                        .map(Ownership.SiteResource::id).findFirst(),
                () -> copy(glance, image, name, everyone)));
    }

    private String copy(GlanceApi glance, Image image, String name, boolean everyone) {
        ObjectNode record = Json.object()
                .put("name", name)
                .put("disk_format", image.diskFormat())
                .put("container_format", image.containerFormat())
                .put("visibility", everyone ? "public" : "private")
                .put("min_disk", image.minDisk())
                .put("min_ram", image.minRam())
                .put(BottomNames.TOP_ID_KEY, image.id());
        String id = glance.createImage(record).path("id").asText();
        try {
            glance.upload(id, () -> images.openData(image.id()));
            String checksum = glance.image(id).map(i -> i.path("checksum").asText()).orElse("");
            if (image.checksum() != null && !image.checksum().equals(checksum)) {
                throw new IllegalStateException("copy of image " + image.id() + " has checksum " + checksum + ", expected "
                        + image.checksum());
            }
        } catch (RuntimeException failed) {
            // A record without the right data is no copy: remove it so the next attempt starts clean.
            discard(glance, id, failed);
            throw failed;
        }
        LOG.info("copied image {} ({} bytes) to site as {}", image.id(), image.sizeBytes(), id);
        return id;
    }

    private static void discard(GlanceApi glance, String id, RuntimeException cause) {
        try {
            glance.deleteImage(id);
        } catch (SiteException e) {
            cause.addSuppressed(e);
            LOG.warn("could not remove the failed image copy {}: {}", id, e.getMessage());
        }
    }
}
