package io.cascadia.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the demo's cloud starts with, made through its own API as an administrator would: flavor {@code m1.tiny} and
 * a small public image {@code cirros} (1 MiB of zeros: the emulated sites only copy and checksum it). Made once;
 * later starts find them.
 */
final class DemoSeed {
    static final String FLAVOR = "m1.tiny";
    static final String IMAGE = "cirros";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    private DemoSeed(String url, String token) {
        this.url = url;
        this.token = token;
    }

    static void ensure(String url, String adminPassword) {
        DemoSeed seed = new DemoSeed(url, adminToken(url, adminPassword));
        seed.ensureFlavor();
        seed.ensureImage();
    }

    private void ensureFlavor() {
        JsonNode flavors = send("GET", "/compute/v2.1/flavors?is_public=None", null, "application/json").path("flavors");
        for (JsonNode flavor : flavors) {
            if (flavor.path("name").asText().equals(FLAVOR)) {
                return;
            }
        }
        send("POST", "/compute/v2.1/flavors", """
                {"flavor": {"name": "%s", "ram": 512, "vcpus": 1, "disk": 1}}""".formatted(FLAVOR).getBytes(), "application/json");
    }

    private void ensureImage() {
        if (send("GET", "/image/v2/images?name=" + IMAGE, null, "application/json").path("images").size() > 0) {
            return;
        }
        String id = send("POST", "/image/v2/images", """
                {"name": "%s", "disk_format": "raw", "container_format": "bare", "visibility": "public"}"""
                .formatted(IMAGE).getBytes(), "application/json").path("id").asText();
        send("PUT", "/image/v2/images/" + id + "/file", new byte[1024 * 1024], "application/octet-stream");
    }

    private JsonNode send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("demo seed: " + method + " " + path + " answered " + response.statusCode());
            }
            return response.body().isEmpty() ? Json.object() : Json.read(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("demo seed: " + method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String adminToken(String url, String password) {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin",
                 "domain": {"id": "default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}}""".formatted(password);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v3/auth/tokens"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.headers().firstValue("X-Subject-Token")
                    .orElseThrow(() -> new IllegalStateException("demo seed: no admin token (" + response.statusCode() + ")"));
        } catch (IOException e) {
            throw new IllegalStateException("demo seed: cannot authenticate: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
