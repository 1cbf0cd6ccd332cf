package io.cascadia.sites;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keystone that holds the sites' catalog, as Cascadia's service user sees it when Cascadia runs in front of an
 * operator's regions (external identity): the service user's own token, the registration of Cascadia's endpoints
 * under its region, and the check that the service user has a role in every project. Thread-safe.
 */
public final class KeystoneClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneClient.class);

    private final String base;
    private final SiteClientConfig config;
    private final ServiceTokens tokens;
    private final HttpClient http;

    public KeystoneClient(SiteClientConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        String url = config.keystoneUrl().endsWith("/") ? config.keystoneUrl().substring(0, config.keystoneUrl().length() - 1)
                : config.keystoneUrl();
        this.base = url;
        this.tokens = new ServiceTokens(url, config, requireNonNull(clock, "clock is null"));
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    /** A valid token of the service user, scoped to its service project. */
    public String serviceToken() {
        return tokens.session(null).token();
    }

    /** Forgets the service user's token after Keystone refused it. */
    public void forgetServiceToken() {
        tokens.invalidate(null);
    }

    /**
     * Makes sure the region exists and has one public endpoint of each service type with the given URL: creates what
     * is missing and corrects a URL that differs. Safe to run at every start. Needs the admin role.
     *
     * @param endpoints service type → (service name, URL)
     */
    public void registerEndpoints(String region, Map<String, Map.Entry<String, String>> endpoints) {
        Answer existing = call("GET", Paths.of("regions", region), null);
        if (existing.status() == 404) {
            call("POST", "/regions", wrap("region", Json.object().put("id", region).put("description", "Cascadia"))).ok();
            LOG.info("created region {} in Keystone", region);
        } else {
            existing.ok(); // any other refusal (a 403 without the admin role) is an error, not a region that exists
        }
        for (Map.Entry<String, Map.Entry<String, String>> wanted : endpoints.entrySet()) {
            String type = wanted.getKey();
            String serviceId = first(call("GET", "/services?type=" + encode(type), null).ok().path("services"))
                    .map(service -> service.path("id").asText())
                    .orElseGet(() -> call("POST", "/services", wrap("service", Json.object().put("type", type)
                            .put("name", wanted.getValue().getKey()).put("enabled", true))).ok().path("service").path("id").asText());
            String url = wanted.getValue().getValue();
            Optional<JsonNode> present = first(call("GET", "/endpoints?interface=public&service_id=" + encode(serviceId)
                    + "&region_id=" + encode(region), null).ok().path("endpoints"));
            if (present.isEmpty()) {
                call("POST", "/endpoints", wrap("endpoint", Json.object().put("service_id", serviceId).put("interface", "public")
                        .put("region_id", region).put("url", url).put("enabled", true))).ok();
                LOG.info("registered {} endpoint {} in region {}", type, url, region);
            } else if (!url.equals(present.get().path("url").asText())) {
                call("PATCH", Paths.of("endpoints", present.get().path("id").asText()),
                        wrap("endpoint", Json.object().put("url", url))).ok();
                LOG.info("moved {} endpoint of region {} to {}", type, region, url);
            }
        }
    }

    /**
     * Whether the service user holds a role on its domain inherited by every project in it: the one operator step
     * that lets it act in each project's name in the sites.
     */
    public boolean hasInheritedRoleOnDomain() {
        ProjectSession session = tokens.session(null);
        JsonNode assignments = call("GET", "/role_assignments?user.id=" + encode(session.userId())
                + "&scope.domain.id=" + encode(session.userDomainId()) + "&scope.OS-INHERIT:inherited_to=projects", null)
                .ok().path("role_assignments");
        return !assignments.isEmpty();
    }

    private record Answer(int status, String method, String path, String body) {
        JsonNode ok() {
            if (status / 100 != 2) {
                throw new SiteException.Rejected("identity", method + " " + path, status, "Keystone answered " + status + ": " + body, null);
            }
            return body.isEmpty() ? Json.object() : Json.read(body);
        }
    }

    private Answer call(String method, String path, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("X-Auth-Token", serviceToken())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), method, path, response.body());
        } catch (IOException e) {
            throw new SiteException.Unreachable("identity", "Keystone at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException.Unreachable("identity", "interrupted", e);
        }
    }

    private static Optional<JsonNode> first(JsonNode array) {
        return array.isArray() && !array.isEmpty() ? Optional.of(array.get(0)) : Optional.empty();
    }

    private static ObjectNode wrap(String key, ObjectNode value) {
        ObjectNode body = Json.object();
        body.set(key, value);
        return body;
    }

    /** A query parameter's value, form-encoded. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
        tokens.close();
    }
}
