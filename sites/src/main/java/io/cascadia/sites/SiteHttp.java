package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * HTTP to one site: its own connection pool (one {@link HttpClient} on virtual threads), a bulkhead bounding the
 * calls in flight, timeouts, our request id sent down as {@code X-OpenStack-Request-ID}, and both ids logged.
 * Only idempotent methods are retried, on transient failures. Every outcome is reported to the health listener.
 */
final class SiteHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteHttp.class);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");
    private static final Pattern REQUEST_ID = Pattern.compile("req-[0-9a-f-]{36}");

    private final String region;
    private final SiteClientConfig config;
    private final SiteHealthListener health;
    private final HttpClient client;
    private final Semaphore bulkhead;

    SiteHttp(String region, SiteClientConfig config, SiteHealthListener health) {
        this.region = region;
        this.config = config;
        this.health = health;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.bulkhead = new Semaphore(config.maxConcurrentCalls(), true);
    }

    String region() {
        return region;
    }

    /**
     * Sends one call and returns a 2xx or 3xx answer.
     *
     * @throws SiteException.Unreachable when the site does not answer (after retries, for idempotent calls)
     * @throws SiteException.Rejected when it answers 4xx or 5xx
     */
    SiteResponse send(String method, URI uri, Map<String, String> headers, byte[] body) {
        return sendStreamed(method, uri, headers, body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * Like {@link #send(String, URI, Map, byte[])} with a body that may be streamed: a publisher that can be
     * subscribed to again (each retry sends the body anew).
     */
    SiteResponse sendStreamed(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        return send(method, uri, headers, body, IDEMPOTENT.contains(method) ? 1 + config.idempotentRetries() : 1, true);
    }

    /**
     * One GET, not retried and not queued behind the bulkhead, for health probes: a site that does not answer within
     * one request timeout is unreachable now (retries, or a wait behind calls already hanging there, would hide a hung
     * site for several timeouts).
     */
    SiteResponse probe(URI uri) {
        return send("GET", uri, Map.of(), null, 1, false);
    }

    private SiteResponse send(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body,
                              int attempts, boolean throughBulkhead) {
        for (int attempt = 1; ; attempt++) {
            try {
                SiteResponse response = sendOnce(method, uri, headers, body, throughBulkhead);
                if (response.status() >= 400) {
                    SiteException.Rejected rejected = new SiteException.Rejected(region, method + " " + uri.getPath(),
                            response.status(), faultMessage(response), response.siteRequestId());
                    if (rejected.isTransient() && attempt < attempts) {
                        pause(attempt);
                        continue;
                    }
                    throw rejected;
                }
                return response;
            } catch (IOException e) {
                String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (attempt < attempts) {
                    pause(attempt);
                    continue;
                }
                health.unreachable(region, error);
                throw new SiteException.Unreachable(region, method + " " + uri.getPath() + ": " + error, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SiteException.Unreachable(region, "interrupted", e);
            }
        }
    }

    private SiteResponse sendOnce(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body,
                                  boolean throughBulkhead) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        String requestId = MDC.get("request_id");
        if (requestId != null && REQUEST_ID.matcher(requestId).matches()) {
            request.header("X-OpenStack-Request-ID", requestId);
        }
        headers.forEach(request::header);
        long started = System.nanoTime();
        if (throughBulkhead) {
            bulkhead.acquire();
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } finally {
            if (throughBulkhead) {
                bulkhead.release();
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        health.answered(region);
        String siteRequestId = response.headers().firstValue("x-openstack-request-id")
                .or(() -> response.headers().firstValue("x-compute-request-id")).orElse("-");
        if (response.statusCode() >= 400 || !method.equals("GET")) {
            LOG.info("site {} {} {} -> {} in {} ms (site request {})", region, method, uri.getPath(), response.statusCode(),
                    millis, siteRequestId);
        } else {
            LOG.debug("site {} {} {} -> {} in {} ms (site request {})", region, method, uri.getPath(), response.statusCode(),
                    millis, siteRequestId);
        }
        return new SiteResponse(response.statusCode(), siteRequestId, response.body(), response.headers());
    }

    /** The message of a fault body in any of the services' forms, or the raw text. */
    static String faultMessage(SiteResponse response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode json = Json.read(text);
            if (json.has("NeutronError")) {
                return json.get("NeutronError").path("message").asText();
            }
            if (json.has("error")) {
                return json.get("error").path("message").asText();
            }
            if (json.isObject() && json.size() == 1) {
                JsonNode inner = json.elements().next();
                if (inner.has("message")) {
                    return inner.get("message").asText();
                }
            }
        } catch (IllegalArgumentException notJson) {
            // Glance and proxies answer plain text
        }
        String trimmed = text.strip();
        return trimmed.length() > 500 ? trimmed.substring(0, 500) : trimmed;
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteException.Unreachable(region, "interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
