package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.ServerFlavor;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.sites.NovaApi;

/**
 * Copies of top flavors in sites, made on first use with the top's sizes, public, named {@code name@<top id>}.
 * Flavors are cloud-wide, so they are made with the service project's (admin) token.
 */
public final class BottomFlavors {
    public static final String FLAVOR = "flavor";

    private final SiteRegistry sites;
    private final BottomCopies copies;

    public BottomFlavors(SiteRegistry sites, BottomCopies copies) {
        this.sites = requireNonNull(sites, "sites is null");
        this.copies = requireNonNull(copies, "copies is null");
    }

    public String ensure(ServerFlavor flavor, String region) {
        NovaApi nova = sites.client(region).nova(null);
        String name = BottomNames.of(flavor.name(), flavor.id());
        return copies.ensure(flavor.id(), FLAVOR, region, new BottomCopies.Recipe(
                id -> nova.flavor(id).isPresent(),
                () -> nova.flavors().stream().filter(f -> f.path("name").asText().equals(name))
                        .map(f -> f.path("id").asText()).findFirst(),
                () -> create(nova, flavor, name)));
    }

    private static String create(NovaApi nova, ServerFlavor flavor, String name) {
        ObjectNode body = Json.object()
                .put("name", name)
                .put("vcpus", flavor.vcpus())
                .put("ram", flavor.ramMb())
                .put("disk", flavor.diskGb())
                .put("OS-FLV-EXT-DATA:ephemeral", flavor.ephemeralGb())
                .put("os-flavor-access:is_public", true);
        if (flavor.swapMb() > 0) {
            body.put("swap", flavor.swapMb());
        }
        JsonNode created = nova.createFlavor(body);
        return created.path("id").asText();
    }
}
