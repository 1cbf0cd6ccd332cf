package io.cascadia.store.image;

import org.jdbi.v3.core.Jdbi;

/** Which sites still need a copy of an image: those holding a server booted from it. */
public final class ImageUsage {
    private final Jdbi jdbi;

    public ImageUsage(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether a server booted from the image has (or is getting) a copy in the site. */
    public boolean inSite(String imageId, String region) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select count(*) from server s
                        join routing r on r.top_id = s.id and r.resource_type = 'server' and r.region = :region
                        where s.image_id = :image""")
                .bind("image", imageId).bind("region", region).mapTo(Integer.class).one()) > 0;
    }
}
