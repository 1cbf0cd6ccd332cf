package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A token of the service user scoped to one project, with the catalog it came with. Endpoints are read from that
 * catalog, so per-project URLs (Cinder's {@code /v3/<project>}) are already substituted by Keystone.
 */
record ProjectSession(String token, String projectId, String userId, String userDomainId, Instant expiresAt, JsonNode catalog) {
    /** The public URL of a service type in a region, if the catalog has one. */
    Optional<URI> endpoint(String type, String region) {
        for (JsonNode service : catalog) {
            if (!type.equals(service.path("type").asText())) {
                continue;
            }
            for (JsonNode endpoint : service.path("endpoints")) {
                boolean inRegion = region.equals(endpoint.path("region_id").asText(endpoint.path("region").asText()));
                if (inRegion && "public".equals(endpoint.path("interface").asText())) {
                    return Optional.of(URI.create(stripSlash(endpoint.path("url").asText())));
                }
            }
        }
        return Optional.empty();
    }

    boolean expiresWithin(java.time.Duration margin, Instant now) {
        return now.plus(margin).isAfter(expiresAt);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "ProjectSession[projectId=" + projectId + ", expiresAt=" + expiresAt + "]";
    }
}
