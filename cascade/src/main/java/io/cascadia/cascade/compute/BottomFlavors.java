package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Flavor;
import io.cascadia.core.compute.ServerFlavor;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.sites.NovaApi;
import io.cascadia.sites.SiteClient;
import io.cascadia.sites.SiteResources;
import io.cascadia.store.compute.Flavors;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies of top flavors in sites, made on first use with the top's sizes, extra specs and visibility (a private
 * flavor's copy is private, with the same projects given access), named {@code name@<top id>}, and kept like the top
 * flavor by {@link #align}. The description carries the mark {@code cascadia_top_id=<top id>} (from microversion
 * 2.55); only a flavor with name and mark is adopted after a crash. Flavors are cloud-wide, so they are made with the service project's (admin) token. A
 * server whose flavor was deleted at the top since it was asked for gets a public copy of the sizes it keeps.
 */
public final class BottomFlavors {
    /** The Nova microversion from which flavors have a description, which carries the copy's mark. */
    private static final String DESCRIPTION_VERSION = "2.55";

    private final SiteRegistry sites;
    private final Flavors flavors;
    private final BottomCopies copies;

    public BottomFlavors(SiteRegistry sites, Flavors flavors, BottomCopies copies) {
        this.sites = requireNonNull(sites, "sites is null");
        this.flavors = requireNonNull(flavors, "flavors is null");
        this.copies = requireNonNull(copies, "copies is null");
    }

    public String ensure(ServerFlavor flavor, String region) {
        NovaApi nova = sites.client(region).nova(null);
        String name = BottomNames.of(flavor.name(), flavor.id());
        Optional<Flavor> top = flavors.find(flavor.id());
        return copies.ensure(flavor.id(), ResourceKind.FLAVOR, region, new BottomCopies.Recipe(
                id -> nova.flavor(id).isPresent(),
                () -> nova.flavors().stream().map(SiteResources::shared)
                        .filter(found -> Ownership.isSharedCopyOf(found, flavor.id()))
                        .map(found -> aligned(nova, top, found.id())).findFirst(),
                () -> aligned(nova, top, create(nova, flavor, name, top.map(Flavor::isPublic).orElse(true),
                        SiteClient.compareVersions(sites.client(region).computeVersion(), DESCRIPTION_VERSION) >= 0))));
    }

    /** Makes the copy's extra specs and (for a private flavor) the projects with access what the top flavor has. */
    public void align(Flavor top, NovaApi nova, String bottomId) {
        Map<String, String> present = nova.flavorExtraSpecs(bottomId);
        Map<String, String> missing = new HashMap<>(top.extraSpecs());
        missing.entrySet().removeIf(spec -> spec.getValue().equals(present.get(spec.getKey())));
        if (!missing.isEmpty()) {
            nova.setFlavorExtraSpecs(bottomId, missing);
        }
        present.keySet().stream().filter(key -> !top.extraSpecs().containsKey(key))
                .forEach(key -> nova.deleteFlavorExtraSpec(bottomId, key));
        if (!top.isPublic()) {
            Set<String> wanted = new TreeSet<>(flavors.accessProjects(top.id()));
            Set<String> granted = nova.flavorAccess(bottomId);
            wanted.stream().filter(p -> !granted.contains(p)).forEach(p -> nova.changeFlavorAccess(bottomId, p, true));
            granted.stream().filter(p -> !wanted.contains(p)).forEach(p -> nova.changeFlavorAccess(bottomId, p, false));
        }
    }

    private String aligned(NovaApi nova, Optional<Flavor> top, String bottomId) {
        top.ifPresent(flavor -> align(flavor, nova, bottomId));
        return bottomId;
    }

    private static String create(NovaApi nova, ServerFlavor flavor, String name, boolean isPublic, boolean described) {
        ObjectNode body = Json.object()
                .put("name", name)
                .put("vcpus", flavor.vcpus())
                .put("ram", flavor.ramMb())
                .put("disk", flavor.diskGb())
                .put("OS-FLV-EXT-DATA:ephemeral", flavor.ephemeralGb())
                .put("os-flavor-access:is_public", isPublic);
        if (described) {
            body.put("description", SiteResources.sharedMark(flavor.id()));
        }
        if (flavor.swapMb() > 0) {
            body.put("swap", flavor.swapMb());
        }
        JsonNode created = nova.createFlavor(body);
        return created.path("id").asText();
    }
}
