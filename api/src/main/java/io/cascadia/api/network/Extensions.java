package io.cascadia.api.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /v2.0/extensions} and {@code /v2.0/availability_zones}. The extension list is exactly what the views
 * render and the handlers accept, because clients decide what to send from it.
 */
final class Extensions {
    private record Extension(String alias, String name, String description) {
    }

    private static final String UPDATED = "2024-01-01T00:00:00-00:00";
    private static final List<Extension> ALL = List.of(
            new Extension("availability_zone", "Availability Zone", "The availability zone extension."),
            new Extension("network_availability_zone", "Network Availability Zone", "Availability zone support for network."),
            new Extension("router_availability_zone", "Router Availability Zone", "Availability zone support for router."),
            new Extension("external-net", "Neutron external network", "Adds external network attribute to network resource."),
            new Extension("router", "Neutron L3 Router", "Router abstraction for basic L3 forwarding between L2 Neutron networks and access to external networks via a NAT gateway."),
            new Extension("ext-gw-mode", "Neutron L3 Configurable external gateway mode", "Extension of the router abstraction for specifying whether SNAT should occur on the external gateway"),
            new Extension("extraroute", "Neutron Extra Route", "Extra routes configuration for L3 router"),
            new Extension("extraroute-atomic", "Atomically add/remove extra routes", "Edit extra routes of a router on server side by atomically adding/removing extra routes"),
            new Extension("dvr", "Distributed Virtual Router", "Enables configuration of Distributed Virtual Routers."),
            new Extension("security-group", "security-group", "The security groups extension."),
            new Extension("stateful-security-group", "Stateful security group", "Indicates if the security group is stateful or not"),
            new Extension("port-security", "Port Security", "Provides port security"),
            new Extension("allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs"),
            new Extension("net-mtu", "Network MTU", "Provides MTU attribute for a network resource."),
            new Extension("quotas", "Quota management support", "Expose functions for quotas management per tenant"),
            new Extension("quota_details", "Quota details management support", "Expose functions for quotas usage statistics per project"),
            new Extension("standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes"),
            new Extension("standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources."),
            new Extension("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes."),
            new Extension("standard-attr-tag", "Tag support for resources with standard attribute: subnet, trunk, network_segment_range, router, network, policy, subnetpool, port, security_group, floatingip", "Enables to set tag on resources with standard attribute."),
            new Extension("tag-creation", "Tag support for resources during creation", "Enables to set tag on resources during creation."),
            new Extension("project-id", "project_id field enabled", "Extension that indicates that project_id field is enabled."),
            new Extension("pagination", "Pagination support", "Extension that indicates that pagination is enabled."),
            new Extension("sorting", "Sorting support", "Extension that indicates that sorting is enabled."),
            new Extension("filter-validation", "Filter parameters validation", "Provides validation on filtering parameters."),
            new Extension("l2_adjacency", "L2 Adjacency", "Display L2 Adjacency for Neutron Networks."));

    private final NetworkStore store;

    Extensions(NetworkStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.get("/v2.0/extensions", this::list);
        router.get("/v2.0/extensions/{alias}", this::show);
        router.get("/v2.0/availability_zones", this::zones);
    }

    private void list(Context ctx, AuthContext auth) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("extensions");
        ALL.forEach(e -> array.add(render(e)));
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, AuthContext auth) {
        String alias = ctx.pathParam("alias");
        Extension extension = ALL.stream().filter(e -> e.alias().equals(alias)).findFirst()
                .orElseThrow(() -> Neutron.notFound("HTTPNotFound", "Extension with alias " + Neutron.show(alias) + " does not exist"));
        Responses.json(ctx, 200, Json.object().set("extension", render(extension)));
    }

    /** The sites' zones, each offered for networks and for routers, as Neutron lists them. */
    private void zones(Context ctx, AuthContext auth) {
        Set<String> names = new LinkedHashSet<>();
        for (AvailabilityZone zone : store.zones().list()) {
            names.add(zone.topName());
        }
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("availability_zones");
        String wantedName = ctx.queryParam("name");
        String wantedResource = ctx.queryParam("resource");
        for (String name : names) {
            for (String resource : List.of("network", "router")) {
                if ((wantedName == null || wantedName.equals(name)) && (wantedResource == null || wantedResource.equals(resource))) {
                    array.addObject().put("name", name).put("resource", resource).put("state", "available");
                }
            }
        }
        Responses.json(ctx, 200, body);
    }

    private static ObjectNode render(Extension extension) {
        ObjectNode node = Json.object()
                .put("alias", extension.alias())
                .put("name", extension.name())
                .put("description", extension.description())
                .put("updated", UPDATED);
        node.putArray("links");
        return node;
    }
}
