package io.cascadia.cascade.volume;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.volume.VolumeType;
import io.cascadia.sites.CinderApi;
import io.cascadia.sites.SiteResources;

/**
 * Copies of top volume types in sites, made the first time a volume of the type goes there: named
 * {@code name@<top id>}, with the top's extra specs and visibility, made with the service project's (admin) token.
 * The top's {@code __DEFAULT__} is no copy: it stands for each site's own default type.
 */
public final class BottomVolumeTypes {

    private final SiteRegistry sites;
    private final BottomCopies copies;

    public BottomVolumeTypes(SiteRegistry sites, BottomCopies copies) {
        this.sites = requireNonNull(sites, "sites is null");
        this.copies = requireNonNull(copies, "copies is null");
    }

    /** The id of the type's copy in the site, or null for the site's default type. */
    public String ensure(VolumeType type, String region) {
        if (type.name().equals(VolumeType.DEFAULT_NAME)) {
            return null;
        }
        CinderApi cinder = sites.client(region).cinder(null);
        String name = BottomNames.of(type.name(), type.id());
        return copies.ensure(type.id(), ResourceKind.VOLUME_TYPE, region, new BottomCopies.Recipe(
                id -> cinder.types().stream().anyMatch(t -> t.path("id").asText().equals(id)),
                () -> cinder.types().stream().map(SiteResources::shared)
                        .filter(found -> Ownership.isSharedCopyOf(found, type.id()))
                        .map(Ownership.SiteResource::id).findFirst(),
                () -> {
                    ObjectNode body = Json.object().put("name", name).put("description", SiteResources.sharedMark(type.id()))
                            .put("os-volume-type-access:is_public", type.isPublic());
                    ObjectNode specs = body.putObject("extra_specs");
                    type.extraSpecs().forEach(specs::put);
                    return cinder.createType(body).path("id").asText();
                }));
    }
}
