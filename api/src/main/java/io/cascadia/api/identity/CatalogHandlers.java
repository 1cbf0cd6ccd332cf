package io.cascadia.api.identity;

import static io.cascadia.api.identity.Requests.found;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.identity.CatalogService;
import io.cascadia.core.identity.Endpoint;
import io.cascadia.core.identity.Region;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.store.identity.Catalog;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** {@code /v3/regions}, {@code /v3/services} and {@code /v3/endpoints}: the catalog that URL mapping reads. */
final class CatalogHandlers {
    private static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    private final Catalog catalog;

    CatalogHandlers(Catalog catalog) {
        this.catalog = catalog;
    }

    void register(Router router) {
        router.get("/v3/regions", (ctx, auth) -> {
            IdentityViews views = IdentityViews.of(ctx);
            Responses.json(ctx, 200, views.list("regions", catalog.listRegions(ctx.queryParam("parent_region_id")), views::region, ctx));
        });
        router.post("/v3/regions", (ctx, auth) -> createRegion(ctx, auth, null));
        router.put("/v3/regions/{id}", (ctx, auth) -> createRegion(ctx, auth, ctx.pathParam("id")));
        router.get("/v3/regions/{id}", (ctx, auth) -> Responses.json(ctx, 200,
                Json.object().set("region", IdentityViews.of(ctx).region(found(catalog.findRegion(ctx.pathParam("id")), "region", ctx.pathParam("id"))))));
        router.patch("/v3/regions/{id}", this::updateRegion);
        router.delete("/v3/regions/{id}", this::deleteRegion);

        router.get("/v3/services", (ctx, auth) -> {
            IdentityPolicy.requireAdmin(auth, "list_services");
            IdentityViews views = IdentityViews.of(ctx);
            Responses.json(ctx, 200, views.list("services",
                    catalog.listServices(ctx.queryParam("type"), ctx.queryParam("name")), views::service, ctx));
        });
        router.post("/v3/services", this::createService);
        router.get("/v3/services/{id}", (ctx, auth) -> {
            IdentityPolicy.requireAdmin(auth, "get_service");
            Responses.json(ctx, 200, Json.object().set("service",
                    IdentityViews.of(ctx).service(found(catalog.findService(ctx.pathParam("id")), "service", ctx.pathParam("id")))));
        });
        router.patch("/v3/services/{id}", this::updateService);
        router.delete("/v3/services/{id}", (ctx, auth) -> {
            IdentityPolicy.requireAdmin(auth, "delete_service");
            if (!catalog.deleteService(ctx.pathParam("id"))) {
                throw Requests.notFound("service", ctx.pathParam("id")).get();
            }
            Responses.noContent(ctx);
        });

        router.get("/v3/endpoints", (ctx, auth) -> {
            IdentityPolicy.requireAdmin(auth, "list_endpoints");
            IdentityViews views = IdentityViews.of(ctx);
            Responses.json(ctx, 200, views.list("endpoints", catalog.listEndpoints(ctx.queryParam("service_id"),
                    ctx.queryParam("region_id"), ctx.queryParam("interface")), views::endpoint, ctx));
        });
        router.post("/v3/endpoints", this::createEndpoint);
        router.get("/v3/endpoints/{id}", (ctx, auth) -> {
            IdentityPolicy.requireAdmin(auth, "get_endpoint");
            Responses.json(ctx, 200, Json.object().set("endpoint",
                    IdentityViews.of(ctx).endpoint(found(catalog.findEndpoint(ctx.pathParam("id")), "endpoint", ctx.pathParam("id")))));
        });
        router.patch("/v3/endpoints/{id}", this::updateEndpoint);
        router.delete("/v3/endpoints/{id}", (ctx, auth) -> {
            IdentityPolicy.requireAdmin(auth, "delete_endpoint");
            if (!catalog.deleteEndpoint(ctx.pathParam("id"))) {
                throw Requests.notFound("endpoint", ctx.pathParam("id")).get();
            }
            Responses.noContent(ctx);
        });
    }

    private void createRegion(Context ctx, AuthContext auth, String pathId) {
        IdentityPolicy.requireAdmin(auth, "create_region");
        ObjectNode body = Requests.resource(ctx, "region");
        String id = pathId != null ? pathId : Fields.optionalString(body, "id").orElseGet(Ids::hex);
        Fields.checkLength("id", id, 1, 255);
        Optional<String> parent = Fields.optionalString(body, "parent_region_id");
        parent.ifPresent(p -> found(catalog.findRegion(p), "region", p));
        if (catalog.findRegion(id).isPresent()) {
            throw Requests.duplicate("region", "ID " + id);
        }
        Region region = new Region(id, Fields.optionalString(body, "description").orElse(""), parent.orElse(null));
        catalog.insertRegion(region);
        Responses.json(ctx, 201, Json.object().set("region", IdentityViews.of(ctx).region(region)));
    }

    private void updateRegion(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "update_region");
        String id = ctx.pathParam("id");
        Region current = found(catalog.findRegion(id), "region", id);
        ObjectNode body = Requests.resource(ctx, "region");
        Optional<String> parent = Fields.optionalString(body, "parent_region_id");
        parent.ifPresent(p -> found(catalog.findRegion(p), "region", p));
        if (parent.isPresent() && parent.get().equals(id)) {
            throw OpenStackException.badRequest("Circular reference found while setting the region's parent.");
        }
        Region updated = new Region(id, Fields.optionalString(body, "description").orElse(current.description()),
                parent.orElse(current.parentRegionId()));
        catalog.updateRegion(updated);
        Responses.json(ctx, 200, Json.object().set("region", IdentityViews.of(ctx).region(updated)));
    }

    private void deleteRegion(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "delete_region");
        String id = ctx.pathParam("id");
        found(catalog.findRegion(id), "region", id);
        if (catalog.regionInUse(id)) {
            throw OpenStackException.forbidden("Unable to delete region " + id + " because it or its child regions have associated endpoints.");
        }
        catalog.deleteRegion(id);
        Responses.noContent(ctx);
    }

    private void createService(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "create_service");
        ObjectNode body = Requests.resource(ctx, "service");
        CatalogService service = new CatalogService(Ids.hex(), Fields.checkLength("type", Fields.requiredString(body, "type"), 1, 255),
                Fields.optionalString(body, "name").orElse(""), Fields.optionalString(body, "description").orElse(""),
                Fields.optionalBoolean(body, "enabled").orElse(true));
        catalog.insertService(service);
        Responses.json(ctx, 201, Json.object().set("service", IdentityViews.of(ctx).service(service)));
    }

    private void updateService(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "update_service");
        String id = ctx.pathParam("id");
        CatalogService current = found(catalog.findService(id), "service", id);
        ObjectNode body = Requests.resource(ctx, "service");
        CatalogService updated = new CatalogService(id, Fields.optionalString(body, "type").orElse(current.type()),
                Fields.optionalString(body, "name").orElse(current.name()),
                Fields.optionalString(body, "description").orElse(current.description()),
                Fields.optionalBoolean(body, "enabled").orElse(current.enabled()));
        catalog.updateService(updated);
        Responses.json(ctx, 200, Json.object().set("service", IdentityViews.of(ctx).service(updated)));
    }

    private void createEndpoint(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "create_endpoint");
        ObjectNode body = Requests.resource(ctx, "endpoint");
        String serviceId = Fields.requiredString(body, "service_id");
        found(catalog.findService(serviceId), "service", serviceId);
        String region = regionOf(body).orElse(null);
        Endpoint endpoint = new Endpoint(Ids.hex(), serviceId, region, iface(Fields.requiredString(body, "interface")),
                url(Fields.requiredString(body, "url")), Fields.optionalBoolean(body, "enabled").orElse(true));
        catalog.insertEndpoint(endpoint);
        Responses.json(ctx, 201, Json.object().set("endpoint", IdentityViews.of(ctx).endpoint(endpoint)));
    }

    private void updateEndpoint(Context ctx, AuthContext auth) {
        IdentityPolicy.requireAdmin(auth, "update_endpoint");
        String id = ctx.pathParam("id");
        Endpoint current = found(catalog.findEndpoint(id), "endpoint", id);
        ObjectNode body = Requests.resource(ctx, "endpoint");
        Optional<String> serviceId = Fields.optionalString(body, "service_id");
        serviceId.ifPresent(s -> found(catalog.findService(s), "service", s));
        Endpoint updated = new Endpoint(id, serviceId.orElse(current.serviceId()), regionOf(body).orElse(current.regionId()),
                Fields.optionalString(body, "interface").map(CatalogHandlers::iface).orElse(current.iface()),
                Fields.optionalString(body, "url").map(CatalogHandlers::url).orElse(current.url()),
                Fields.optionalBoolean(body, "enabled").orElse(current.enabled()));
        catalog.updateEndpoint(updated);
        Responses.json(ctx, 200, Json.object().set("endpoint", IdentityViews.of(ctx).endpoint(updated)));
    }

    private Optional<String> regionOf(ObjectNode body) {
        Optional<String> region = Fields.optionalString(body, "region_id").or(() -> Fields.optionalString(body, "region"));
        region.ifPresent(r -> {
            if (catalog.findRegion(r).isEmpty()) {
                throw OpenStackException.badRequest("Region " + r + " could not be found.");
            }
        });
        return region;
    }

    private static String iface(String value) {
        if (!INTERFACES.contains(value)) {
            throw OpenStackException.badRequest("Invalid input for field 'interface': '%s' is not one of ['public', 'internal', 'admin']"
                    .formatted(value));
        }
        return value;
    }

    private static String url(String value) {
        try {
            URI uri = new URI(value.replace("$(", "").replace(")s", ""));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw OpenStackException.badRequest("Invalid input for field 'url': '%s' is not a 'url'".formatted(value));
        }
        return value;
    }
}
