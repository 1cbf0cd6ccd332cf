package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens of the service user, one per project it acts in, cached until shortly before they expire and dropped on
 * demand when a site answers 401. Concurrent callers for one project share one authentication.
 */
final class ServiceTokens implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceTokens.class);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(2);

    private final String keystoneUrl;
    private final SiteClientConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, ProjectSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    ServiceTokens(String keystoneUrl, SiteClientConfig config, Clock clock) {
        this.keystoneUrl = keystoneUrl.endsWith("/") ? keystoneUrl.substring(0, keystoneUrl.length() - 1) : keystoneUrl;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /** A valid session for the project ({@code null}: the service project), authenticating if needed. */
    ProjectSession session(String projectId) {
        String key = projectId == null ? "" : projectId;
        ProjectSession current = sessions.get(key);
        if (current != null && !current.expiresWithin(RENEW_BEFORE_EXPIRY, clock.instant())) {
            return current;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            current = sessions.get(key);
            if (current == null || current.expiresWithin(RENEW_BEFORE_EXPIRY, clock.instant())) {
                current = authenticate(projectId);
                sessions.put(key, current);
            }
            return current;
        }
    }

    /** Forgets a project's token after a site refused it. */
    void invalidate(String projectId) {
        sessions.remove(projectId == null ? "" : projectId);
    }

    private ProjectSession authenticate(String projectId) {
        ObjectNode body = Json.object();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", config.serviceUser()).put("password", config.servicePassword());
        user.putObject("domain").put("name", config.serviceDomain());
        ObjectNode project = auth.putObject("scope").putObject("project");
        if (projectId != null) {
            project.put("id", projectId);
        } else {
            project.put("name", config.serviceProject()).putObject("domain").put("name", config.serviceDomain());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(keystoneUrl + "/auth/tokens"))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 201) {
                throw new SiteException.Rejected("identity", "POST /auth/tokens", response.statusCode(),
                        refusal(projectId, response.statusCode()), null);
            }
            JsonNode token = Json.read(response.body()).get("token");
            String secret = response.headers().firstValue("X-Subject-Token").orElseThrow();
            LOG.debug("service token for project {} obtained", projectId == null ? config.serviceProject() : projectId);
            return new ProjectSession(secret, token.path("project").path("id").asText(), token.path("user").path("id").asText(),
                    token.path("user").path("domain").path("id").asText(), Instant.parse(token.path("expires_at").asText()),
                    token.path("catalog"));
        } catch (java.io.IOException e) {
            throw new SiteException.Unreachable("identity", "Keystone at " + keystoneUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException.Unreachable("identity", "interrupted", e);
        }
    }

    /**
     * Why Keystone refused the service user. A scope to a project the user has no role in is refused with 401, the
     * one operator step that gives it a role everywhere is named.
     */
    private String refusal(String projectId, int status) {
        if (projectId != null && status == 401) {
            return "service user " + config.serviceUser() + " has no role in project " + projectId
                    + ": give it one in every project with an inherited role assignment on its domain, e.g. `openstack role add"
                    + " --user " + config.serviceUser() + " --user-domain " + config.serviceDomain() + " --domain "
                    + config.serviceDomain() + " --inherited admin`";
        }
        return "service user " + config.serviceUser() + " could not authenticate for project "
                + (projectId == null ? config.serviceProject() : projectId);
    }

    @Override
    public void close() {
        http.close();
    }
}
