package io.cascadia.api.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.web.ApiModule;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.javalin.http.Context;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Glance v2 at {@code /image}: the version document at the root and at {@code /versions}, the API under {@code /v2}. */
public final class ImageApi implements ApiModule {
    private static final String[] VERSIONS = {"v2.16", "v2.15", "v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"};

    private final ImageHandlers images;
    private final ImageMemberHandlers members;

    /** Glance's default {@code image_size_cap}: 1 TiB. */
    public static final long DEFAULT_SIZE_CAP = 1L << 40;

    /** Glance with the default size cap. */
    public ImageApi(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, DEFAULT_SIZE_CAP);
    }

    /** @param sizeCap the most bytes of data one image may have ({@code image.size-cap}, Glance's {@code image_size_cap}) */
    public ImageApi(Jdbi jdbi, Clock clock, long sizeCap) {
        if (sizeCap < 0) {
            throw new IllegalArgumentException("image.size-cap must not be negative, got: " + sizeCap);
        }
        Images rows = new Images(jdbi);
        this.images = new ImageHandlers(jdbi, rows, new RoutingTable(jdbi), new JobQueue(jdbi, clock), clock, sizeCap);
        this.members = new ImageMemberHandlers(rows, images, clock);
    }

    @Override
    public Service service() {
        return Service.IMAGE;
    }

    @Override
    public String prefix() {
        return "/image";
    }

    @Override
    public void register(Router router) {
        router.getPublic("", ctx -> Responses.json(ctx, 300, versions(ctx)));
        router.getPublic("/versions", ctx -> Responses.json(ctx, 200, versions(ctx)));
        images.register(router);
        members.register(router);
    }

    private static ObjectNode versions(Context ctx) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("versions");
        for (String id : VERSIONS) {
            ObjectNode version = array.addObject().put("id", id).put("status", id.equals(VERSIONS[0]) ? "CURRENT" : "SUPPORTED");
            version.putArray("links").addObject().put("rel", "self").put("href", ctx.scheme() + "://" + ctx.host() + "/image/v2/");
        }
        return body;
    }
}
