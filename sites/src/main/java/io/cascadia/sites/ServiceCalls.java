package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Calls to one service of one site, acting in one project: the endpoint comes from that project's catalog, the
 * token from the service user's session; a 401 drops the token and retries once with a new one.
 */
final class ServiceCalls {
    private final SiteHttp http;
    private final ServiceTokens tokens;
    private final String serviceType;
    private final String projectId;
    private final String versionPrefix;
    private final Map<String, String> extraHeaders;

    /**
     * @param versionPrefix appended to the catalog URL before every path ({@code /v2.0} for Neutron's unversioned
     *     endpoint, {@code /v2} for Glance's, empty for Nova's and Cinder's versioned ones)
     */
    ServiceCalls(SiteHttp http, ServiceTokens tokens, String serviceType, String projectId, String versionPrefix,
                 Map<String, String> extraHeaders) {
        this.http = http;
        this.tokens = tokens;
        this.serviceType = serviceType;
        this.projectId = projectId;
        this.versionPrefix = versionPrefix;
        this.extraHeaders = Map.copyOf(extraHeaders);
    }

    JsonNode get(String path) {
        return send("GET", path, null).json();
    }

    /** GET that answers empty on 404 instead of failing. */
    Optional<JsonNode> find(String path) {
        try {
            return Optional.of(get(path));
        } catch (SiteException.Rejected e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, Json.writeBytes(body)).json();
    }

    JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body == null ? null : Json.writeBytes(body)).json();
    }

    /** DELETE that treats 404 as already done; returns whether something was deleted. */
    boolean delete(String path) {
        try {
            send("DELETE", path, null);
            return true;
        } catch (SiteException.Rejected e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    SiteResponse send(String method, String path, byte[] body) {
        return send(method, path, body, Map.of());
    }

    SiteResponse send(String method, String path, byte[] body, Map<String, String> headers) {
        return sendStreamed(method, path, body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** Sends a body that may be streamed; the publisher must allow a second subscription (for the 401 retry). */
    SiteResponse sendStreamed(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        try {
            return sendOnce(method, path, body, headers);
        } catch (SiteException.Rejected e) {
            if (e.status() != 401) {
                throw e;
            }
            tokens.invalidate(projectId);
            return sendOnce(method, path, body, headers);
        }
    }

    /** The service's endpoint for this project, as the catalog gives it. */
    URI endpoint() {
        return endpoint(tokens.session(projectId));
    }

    private URI endpoint(ProjectSession session) {
        return session.endpoint(serviceType, http.region()).orElseThrow(() -> new SiteException.Rejected(http.region(),
                "catalog lookup", 404, "the catalog has no " + serviceType + " endpoint in region " + http.region(), null));
    }

    private SiteResponse sendOnce(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        ProjectSession session = tokens.session(projectId);
        URI base = endpoint(session);
        Map<String, String> all = new HashMap<>(extraHeaders);
        all.putAll(headers);
        all.put("X-Auth-Token", session.token());
        return http.sendStreamed(method, URI.create(base + versionPrefix + path), all, body);
    }
}
