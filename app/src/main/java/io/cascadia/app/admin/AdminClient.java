package io.cascadia.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls one of Cascadia's APIs as a cloud of {@code clouds.yaml} (the admin API as the cloud administrator, unless
 * told otherwise): authenticates, finds the API in the catalog, sends.
 */
final class AdminClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;
    private final String base;

    private AdminClient(String token, String base) {
        this.token = token;
        this.base = base;
    }

    static AdminClient connect(CloudCredentials credentials) {
        return connect(credentials, "cascadia", null);
    }

    /** A client of the service of that type in the catalog, in {@code region} (null: the first endpoint). */
    static AdminClient connect(CloudCredentials credentials, String serviceType, String region) {
        ObjectNode body = Json.object();
        ObjectNode identity = body.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", credentials.username()).put("password", credentials.password());
        user.putObject("domain").put("name", credentials.userDomain());
        ObjectNode project = body.withObject("auth").putObject("scope").putObject("project");
        project.put("name", credentials.projectName()).putObject("domain").put("name", credentials.projectDomain());
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(credentials.authUrl() + "/auth/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalArgumentException("authentication at " + credentials.authUrl() + " failed: HTTP " + response.statusCode());
            }
            String token = response.headers().firstValue("X-Subject-Token").orElseThrow();
            for (JsonNode service : Json.read(response.body()).path("token").path("catalog")) {
                if (service.path("type").asText().equals(serviceType)) {
                    for (JsonNode endpoint : service.path("endpoints")) {
                        if (region == null || region.equals(endpoint.path("region").asText())) {
                            return new AdminClient(token, endpoint.path("url").asText());
                        }
                    }
                }
            }
            throw new IllegalArgumentException("the catalog has no " + (serviceType.equals("cascadia") ? "Cascadia admin API"
                    : serviceType + " endpoint") + " (service type " + serviceType + (region == null ? "" : ", region " + region) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach " + credentials.authUrl() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    /** GET of a path of this API; empty on 404. */
    Optional<JsonNode> find(String path) {
        return findAt(base + path);
    }

    /** GET of any URL with this client's token (e.g. an emulated site's inspection endpoint); empty on 404. */
    Optional<JsonNode> findAt(String url) {
        try {
            return Optional.of(sendTo("GET", url, null));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    private JsonNode send(String method, String path, JsonNode body) {
        return sendTo(method, base + path, body);
    }

    /** A 404, told apart so that lookups can answer "not there". */
    private static final class NotFound extends IllegalArgumentException {
        NotFound(String message) {
            super(message);
        }
    }

    private JsonNode sendTo(String method, String url, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? Json.object() : Json.read(response.body());
            if (response.statusCode() >= 400) {
                String message = json.path("error").path("message").asText(response.body());
                if (response.statusCode() == 404) {
                    throw new NotFound("HTTP 404: " + message);
                }
                throw new IllegalArgumentException("HTTP " + response.statusCode() + ": " + message);
            }
            return json;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
