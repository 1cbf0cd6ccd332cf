package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.routing.BottomNames;
import io.cascadia.core.routing.Ownership;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads what {@link Ownership} decides on from each service's wire body. A field that is missing or not a string
 * reads as null, so it can never match.
 */
public final class SiteResources {
    private static final String TAG_PREFIX = BottomNames.TOP_ID_KEY + "=";

    private SiteResources() {
    }

    /** A Nova server: mark in {@code metadata}, project in {@code tenant_id}. */
    public static Ownership.SiteResource server(JsonNode server) {
        return new Ownership.SiteResource(text(server, "id"), text(server, "name"),
                text(server.path("metadata"), BottomNames.TOP_ID_KEY), text(server, "tenant_id"));
    }

    /** A Cinder volume: mark in {@code metadata}, project in the admin-only tenant attribute. */
    public static Ownership.SiteResource volume(JsonNode volume) {
        return new Ownership.SiteResource(text(volume, "id"), text(volume, "name"),
                text(volume.path("metadata"), BottomNames.TOP_ID_KEY), text(volume, "os-vol-tenant-attr:tenant_id"));
    }

    /**
     * A Neutron resource (network, subnet, port): mark as a {@code cascadia_top_id=<id>} tag or description (the
     * description is set in the create itself, so a crash before the tag is added leaves a copy still proven
     * Cascadia's), project in {@code project_id}. Marks that disagree prove nothing.
     */
    public static Ownership.SiteResource neutron(JsonNode resource) {
        Set<String> marks = new HashSet<>();
        for (JsonNode tag : resource.path("tags")) {
            if (tag.isTextual() && tag.asText().startsWith(TAG_PREFIX)) {
                marks.add(tag.asText().substring(TAG_PREFIX.length()));
            }
        }
        String description = text(resource, "description");
        if (description != null && description.startsWith(TAG_PREFIX)) {
            marks.add(description.substring(TAG_PREFIX.length()));
        }
        String project = text(resource, "project_id");
        return new Ownership.SiteResource(text(resource, "id"), text(resource, "name"),
                marks.size() == 1 && !marks.iterator().next().isEmpty() ? marks.iterator().next() : null,
                project != null ? project : text(resource, "tenant_id"));
    }

    /** A Glance image: mark as the {@code cascadia_top_id} property, project in {@code owner}. */
    public static Ownership.SiteResource image(JsonNode image) {
        return new Ownership.SiteResource(text(image, "id"), text(image, "name"), text(image, BottomNames.TOP_ID_KEY),
                text(image, "owner"));
    }

    /** A Nova flavor or a Cinder volume type: cloud-wide, mark in {@code description} as {@code cascadia_top_id=<id>}. */
    public static Ownership.SiteResource shared(JsonNode resource) {
        String description = text(resource, "description");
        return new Ownership.SiteResource(text(resource, "id"), text(resource, "name"),
                description != null && description.startsWith(TAG_PREFIX) ? description.substring(TAG_PREFIX.length()) : null, null);
    }

    /** The mark as a flavor's or volume type's description carries it. */
    public static String sharedMark(String topId) {
        return BottomNames.tag(topId);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
