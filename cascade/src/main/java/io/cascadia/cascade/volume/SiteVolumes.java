package io.cascadia.cascade.volume;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.routing.Ownership;
import io.cascadia.core.time.Timestamps;
import io.cascadia.core.volume.ObservedVolume;
import io.cascadia.core.volume.Volume;
import io.cascadia.sites.SiteResources;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reading volumes as a site's Cinder shows them. */
public final class SiteVolumes {
    /** Statuses in which Cinder deletes a volume. */
    public static final Set<String> DELETABLE = Set.of("available", "error", "error_restoring", "error_extending",
            "error_managing");

    private SiteVolumes() {
    }

    /** The first of the found site volumes that is provably Cascadia's copy of the top volume ({@link Ownership}). */
    public static Optional<JsonNode> copyOf(List<JsonNode> found, Volume volume) {
        return found.stream()
                .filter(v -> Ownership.isCopyOf(SiteResources.volume(v), volume.id(), volume.projectId()))
                .findFirst();
    }

    /** The bottom ids of the servers the volume is attached to. */
    public static List<String> attachedServers(JsonNode volume) {
        List<String> servers = new ArrayList<>();
        volume.path("attachments").forEach(a -> servers.add(a.path("server_id").asText()));
        return servers;
    }

    /**
     * The volume as the top should record it, its attachment's server mapped through {@code topServerIds}
     * (bottom id to top id); an attachment to a server the top does not know is left out.
     */
    public static ObservedVolume observed(JsonNode volume, Map<String, String> topServerIds) {
        ObservedVolume.Attachment attachment = null;
        for (JsonNode candidate : volume.path("attachments")) {
            String server = topServerIds.get(candidate.path("server_id").asText());
            if (server != null) {
                attachment = new ObservedVolume.Attachment(server, text(candidate, "device"), text(candidate, "host_name"),
                        Timestamps.parse(candidate.path("attached_at").asText()).map(t -> t.truncatedTo(ChronoUnit.MICROS))
                                .orElse(null));
                break;
            }
        }
        return new ObservedVolume(volume.path("status").asText(), volume.path("size").asInt(), attachment);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
