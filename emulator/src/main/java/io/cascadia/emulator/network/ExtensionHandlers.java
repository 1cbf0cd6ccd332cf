package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code /v2.0/extensions}, {@code /v2.0/availability_zones} and the resource index at {@code /v2.0}. */
final class ExtensionHandlers {
    private static final List<String> RESOURCES = List.of("network", "subnet", "port", "router", "security_group",
            "security_group_rule", "agent", "segment", "extension", "availability_zone");

    private final NeutronState state;

    ExtensionHandlers(NeutronState state) {
        this.state = state;
    }

    void register(Router router) {
        router.get("/v2.0", this::resources);
        router.get("/v2.0/extensions", this::list);
        router.get("/v2.0/extensions/{alias}", this::show);
        router.get("/v2.0/availability_zones", this::zones);
    }

    private void resources(Context ctx, AuthContext auth) {
        ObjectNode body = Json.object();
        ArrayNode resources = body.putArray("resources");
        String base = ctx.scheme() + "://" + ctx.host() + "/networking/v2.0/";
        for (String name : RESOURCES) {
            String collection = name.equals("availability_zone") ? "availability_zones" : name.replace('_', '-') + "s";
            ObjectNode resource = resources.addObject();
            resource.putArray("links").addObject().put("href", base + collection).put("rel", "self");
            resource.put("name", name).put("collection", collection);
        }
        Responses.json(ctx, 200, body);
    }

    private void list(Context ctx, AuthContext auth) {
        ObjectNode body = Json.object();
        ArrayNode extensions = body.putArray("extensions");
        Extensions.ALL.forEach(extension -> extensions.add(view(extension)));
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, AuthContext auth) {
        String alias = ctx.pathParam("alias");
        Extensions.Extension extension = Extensions.ALL.stream()
                .filter(e -> e.alias().equals(alias))
                .findFirst()
                .orElseThrow(() -> new OpenStackException(ErrorKind.NOT_FOUND, "HTTPNotFound", "Extension with alias "
                        + NeutronBodies.shorten(alias) + " does not exist"));
        Responses.json(ctx, 200, Json.object().set("extension", view(extension)));
    }

    /** The zones of the site's agents, for networks (no DHCP agents: none) and routers (the L3 agent's). */
    private void zones(Context ctx, AuthContext auth) {
        Set<String> zones = new TreeSet<>(List.of(state.l3Host().availabilityZone()));
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("availability_zones");
        zones.forEach(zone -> items.addObject().put("name", zone).put("resource", "router").put("state", "available"));
        Responses.json(ctx, 200, body);
    }

    private static ObjectNode view(Extensions.Extension extension) {
        ObjectNode node = Json.object()
                .put("name", extension.name())
                .put("alias", extension.alias())
                .put("description", extension.description())
                .put("updated", Extensions.UPDATED);
        node.putArray("links");
        return node;
    }
}
