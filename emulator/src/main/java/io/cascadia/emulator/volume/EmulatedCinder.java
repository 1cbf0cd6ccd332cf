package io.cascadia.emulator.volume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.image.Images;
import io.cascadia.web.ApiModule;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.Microversions;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.javalin.http.Context;
import java.util.List;

/** The site's Cinder v3 under {@code /volume}, microversions 3.0 to 3.70. */
public final class EmulatedCinder implements ApiModule {
    static final ApiVersion MIN = ApiVersion.of(3, 0);
    static final ApiVersion MAX = ApiVersion.of(3, 70);
    private static final String UPDATED = "2023-08-31T00:00:00Z";

    private final Volumes volumes;
    private final VolumeHandlers handlers;

    public EmulatedCinder(String region, Volumes volumes, Images images, List<String> zones) {
        this.volumes = volumes;
        this.handlers = new VolumeHandlers(volumes, images,
                new VolumeViews(volumes.types(), region + "-volume@lvmdriver-1#lvmdriver-1"),
                new Microversions("volume", null, MIN, MAX), zones);
    }

    public Volumes volumes() {
        return volumes;
    }

    @Override
    public Service service() {
        return Service.VOLUME;
    }

    @Override
    public String prefix() {
        return "/volume";
    }

    @Override
    public void register(Router router) {
        router.getPublic("/", ctx -> Responses.json(ctx, 300, versions(ctx)));
        router.getPublic("/v3", ctx -> Responses.json(ctx, 200, versions(ctx)));
        handlers.register(router);
    }

    private ObjectNode versions(Context ctx) {
        ObjectNode body = Json.object();
        ObjectNode version = body.putArray("versions").addObject()
                .put("id", "v3.0")
                .put("status", "CURRENT")
                .put("version", MAX.toString())
                .put("min_version", MIN.toString())
                .put("updated", UPDATED);
        ArrayNode links = version.putArray("links");
        links.addObject().put("rel", "describedby").put("type", "text/html").put("href", "https://docs.openstack.org/");
        links.addObject().put("rel", "self").put("href", ctx.scheme() + "://" + ctx.host() + prefix() + "/v3/");
        version.putArray("media-types").addObject()
                .put("base", "application/json")
                .put("type", "application/vnd.openstack.volume+json;version=3");
        return body;
    }
}
