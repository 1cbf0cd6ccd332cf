package io.cascadia.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A raw HTTP client for tests that assert what goes over the wire: status, headers and body exactly as sent,
 * with no client library in between to forgive mistakes.
 */
public final class WireClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public WireClient(String base) {
        this.base = base;
    }

    /** An answer: status, headers and the body as text and (when it is JSON) as a tree. */
    public record Answer(int status, Map<String, java.util.List<String>> headers, String text) {
        public JsonNode json() {
            try {
                return Json.read(text);
            } catch (IllegalArgumentException e) {
                return MissingNode.getInstance();
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }

    public Answer get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    /** Sends a JSON (or empty) body; a {@code Content-Type} in {@code headers} replaces the JSON one. */
    public Answer send(String method, String path, Map<String, String> headers, String body) {
        return send(method, path, headers, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
    }

    /** Sends raw bytes with the given content type (unless {@code headers} names another). */
    public Answer send(String method, String path, Map<String, String> headers, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.setHeader("Content-Type", contentType);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
