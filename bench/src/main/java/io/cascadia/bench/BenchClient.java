package io.cascadia.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP a benchmark needs: a token, and JSON calls that fail loudly on an unexpected status. */
final class BenchClient {
    /** A token and who it is for. */
    record Token(String id, String userId, String projectId) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Token token(String keystone, String user, String password, String project) {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"id": "default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}}}""".formatted(user, password, project);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(keystone + "/v3/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("cannot get a token: " + response.statusCode() + " " + response.body());
        }
        JsonNode token = Json.read(response.body()).get("token");
        return new Token(response.headers().firstValue("X-Subject-Token").orElseThrow(),
                token.at("/user/id").asText(), token.at("/project/id").asText());
    }

    String get(String url, Token token) {
        return expect(send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token.id()).GET().build()), 200, url);
    }

    JsonNode getJson(String url, Token token) {
        return Json.read(get(url, token));
    }

    /** Sends a JSON body and returns the answer's JSON; {@code status} is the one expected. */
    JsonNode send(String method, String url, Token token, String body, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token.id());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        String text = expect(send(request.build()), status, url);
        return text.isEmpty() ? Json.object() : Json.read(text);
    }

    JsonNode sendBytes(String method, String url, Token token, byte[] body, String contentType, int status) {
        String text = expect(send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token.id())
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build()), status, url);
        return text.isEmpty() ? Json.object() : Json.read(text);
    }

    /** Milliseconds one GET took. */
    double timedGet(String url, Token token) {
        long started = System.nanoTime();
        get(url, token);
        return (System.nanoTime() - started) / 1e6;
    }

    private static String expect(HttpResponse<String> response, int status, String url) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
