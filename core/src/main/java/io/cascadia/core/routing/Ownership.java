package io.cascadia.core.routing;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule that decides whether a site resource is Cascadia's copy (DESIGN §2, Ownership). Sites hold workloads
 * Cascadia did not make; a resource is Cascadia's copy of a top resource only when ALL hold: its name is
 * {@code <name>@<top id>}, it carries the mark {@code cascadia_top_id=<that id>} (tag, metadata, property or description), and it
 * is in the top resource's project. Anything else is foreign, and is never deleted, adopted, renamed or re-pointed.
 * Every poller, sweep and build asks this class; a missing name, mark or project never reads as a match.
 */
public final class Ownership {
    /** The form of the ids Cascadia issues for servers, volumes, networks, ports and images: a lowercase UUID. */
    private static final Pattern ISSUED_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ownership() {
    }

    /**
     * What ownership is decided on, as the site shows a resource; a field the site does not show is null.
     *
     * @param markedTopId the top id of its {@code cascadia_top_id} tag, metadata, property or description
     * @param projectId   the project (Nova {@code tenant_id}, Neutron {@code project_id}, Cinder's tenant attribute,
     *                    Glance {@code owner})
     */
    public record SiteResource(String id, String name, String markedTopId, String projectId) {
    }

    /**
     * The top id that the resource's name and mark both claim, when they agree on an id of the form Cascadia issues.
     * This alone proves nothing: the caller must still find that top resource and check the project with
     * {@link #isCopyOf}.
     */
    public static Optional<String> claimedTopId(SiteResource resource) {
        Objects.requireNonNull(resource, "resource is null");
        return BottomNames.topIdOf(resource.name())
                .filter(id -> ISSUED_ID.matcher(id).matches())
                .filter(id -> id.equals(resource.markedTopId()));
    }

    /** Whether the resource is Cascadia's copy of the top resource {@code topId} of project {@code projectId}. */
    public static boolean isCopyOf(SiteResource resource, String topId, String projectId) {
        Objects.requireNonNull(topId, "topId is null");
        Objects.requireNonNull(projectId, "projectId is null");
        return isSharedCopyOf(resource, topId) && projectId.equals(resource.projectId());
    }

    /**
     * Whether the resource is Cascadia's copy of {@code topId} of a cloud-wide kind that has no project (flavors,
     * volume types): name and mark must both name the id.
     */
    public static boolean isSharedCopyOf(SiteResource resource, String topId) {
        Objects.requireNonNull(resource, "resource is null");
        Objects.requireNonNull(topId, "topId is null");
        return BottomNames.topIdOf(resource.name()).filter(topId::equals).isPresent() && topId.equals(resource.markedTopId());
    }

    /** How a log line says what was proven before Cascadia acted on a site resource. */
    public static String proof(SiteResource resource) {
        return "name " + resource.name() + ", " + BottomNames.TOP_ID_KEY + "=" + resource.markedTopId()
                + ", project " + resource.projectId();
    }
}
