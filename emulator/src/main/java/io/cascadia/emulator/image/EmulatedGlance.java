package io.cascadia.emulator.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.web.ApiModule;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.javalin.http.Context;
import java.time.Clock;

/** The site's Glance v2 under {@code /image}. */
public final class EmulatedGlance implements ApiModule {
    private static final int CURRENT_MINOR = 16;

    private final Images images;
    private final ImageHandlers handlers;

    public EmulatedGlance(String region, FaultPlan faults, Clock clock) {
        this.images = new Images(clock, region);
        this.handlers = new ImageHandlers(images, faults);
    }

    /** The images, for Nova and Cinder to check the images servers and volumes are made from. */
    public Images images() {
        return images;
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
        router.getPublic("/", this::versions);
        router.getPublic("/versions", this::versions);
        handlers.register(router);
    }

    /** Glance's version list, answered with 300 Multiple Choices as Glance does. */
    private void versions(Context ctx) {
        ObjectNode body = Json.object();
        ArrayNode versions = body.putArray("versions");
        String href = ctx.scheme() + "://" + ctx.host() + prefix() + "/v2/";
        for (int minor = CURRENT_MINOR; minor >= 0; minor--) {
            ObjectNode version = versions.addObject()
                    .put("id", "v2." + minor)
                    .put("status", minor == CURRENT_MINOR ? "CURRENT" : "SUPPORTED");
            version.putArray("links").addObject().put("rel", "self").put("href", href);
        }
        Responses.json(ctx, 300, body);
    }
}
