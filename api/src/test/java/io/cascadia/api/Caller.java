package io.cascadia.api;

import io.cascadia.testkit.WireClient;
import io.cascadia.testkit.WireClient.Answer;
import java.util.HashMap;
import java.util.Map;

/** One user's calls over the wire: the token is sent with every request, and extra headers can be added. */
public record Caller(WireClient client, String token) {
    public Answer get(String path) {
        return client.get(path, Map.of("X-Auth-Token", token));
    }

    public Answer get(String path, Map<String, String> headers) {
        return client.get(path, with(headers));
    }

    public Answer post(String path, String body) {
        return client.send("POST", path, Map.of("X-Auth-Token", token), body);
    }

    public Answer post(String path, String body, Map<String, String> headers) {
        return client.send("POST", path, with(headers), body);
    }

    public Answer put(String path, String body) {
        return client.send("PUT", path, Map.of("X-Auth-Token", token), body);
    }

    public Answer delete(String path) {
        return client.send("DELETE", path, Map.of("X-Auth-Token", token), null);
    }

    public Answer send(String method, String path, Map<String, String> headers, String body) {
        return client.send(method, path, with(headers), body);
    }

    private Map<String, String> with(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("X-Auth-Token", token);
        return all;
    }
}
