package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo's own calls to an OpenStack API (the top, or an emulated site, which shares its Keystone), as one user
 * with a project-scoped token. A call the service refuses fails with its status and path.
 */
final class DemoClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final String token;

    private DemoClient(String url, String token) {
        this.url = requireNonNull(url, "url is null");
        this.token = requireNonNull(token, "token is null");
    }

    /** Authenticates at {@code url}'s Keystone as {@code user} of the Default domain, scoped to {@code project}. */
    static DemoClient login(String url, String user, String password, String project) {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"id": "default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}}}""".formatted(user, password, project);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v3/auth/tokens"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new DemoClient(url, response.headers().firstValue("X-Subject-Token")
                    .orElseThrow(() -> new IllegalStateException("no token for " + user + " (" + response.statusCode() + ")")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot authenticate " + user + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The same user's calls to another API of the same Keystone (an emulated site). */
    DemoClient at(String otherUrl) {
        return new DemoClient(otherUrl, token);
    }

    JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    JsonNode post(String path, String json) {
        return send("POST", path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
    }

    JsonNode send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? Json.object() : Json.read(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
