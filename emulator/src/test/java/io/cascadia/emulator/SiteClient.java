package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.WireClient;
import io.cascadia.testkit.WireClient.Answer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** A raw HTTP client for one emulated site, with a token, and a way to wait for asynchronous states. */
final class SiteClient {
    private final WireClient wire;
    private final String token;
    private final Map<String, String> extraHeaders;

    SiteClient(String url, String token) {
        this(new WireClient(url), token, Map.of());
    }

    private SiteClient(WireClient wire, String token, Map<String, String> extraHeaders) {
        this.wire = wire;
        this.token = token;
        this.extraHeaders = extraHeaders;
    }

    /** The same client sending one more header on every request (for example a microversion). */
    SiteClient with(String header, String value) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(header, value);
        return new SiteClient(wire, token, headers);
    }

    SiteClient as(String otherToken) {
        return new SiteClient(wire, otherToken, extraHeaders);
    }

    Answer get(String path) {
        return wire.send("GET", path, headers(), null);
    }

    Answer post(String path, String body) {
        return wire.send("POST", path, headers(), body);
    }

    Answer put(String path, String body) {
        return wire.send("PUT", path, headers(), body);
    }

    Answer delete(String path) {
        return wire.send("DELETE", path, headers(), null);
    }

    Answer send(String method, String path, Map<String, String> more, String body) {
        Map<String, String> headers = headers();
        headers.putAll(more);
        return wire.send(method, path, headers, body);
    }

    /** The JSON of a call that must answer with {@code status}. */
    JsonNode ok(Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        return answer.json();
    }

    /** Polls a GET until its JSON satisfies the condition, failing after {@code timeout}. */
    JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) {
        return poll(path, answer -> answer.status() == 200 && condition.test(answer.json()), timeout).json();
    }

    /** Polls a GET until it answers with {@code status}, failing after {@code timeout}. */
    void awaitStatus(String path, int status, Duration timeout) {
        poll(path, answer -> answer.status() == status, timeout);
    }

    private Answer poll(String path, Predicate<Answer> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("condition not met within " + timeout + " for " + path + "; last answer: "
                + (last == null ? null : last.status() + " " + last.text()));
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (token != null) {
            headers.put("X-Auth-Token", token);
        }
        return headers;
    }
}
