package io.cascadia.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates tokens against a Keystone over HTTP, as keystonemiddleware does for a service: {@code GET
 * /v3/auth/tokens} with the caller's token as {@code X-Subject-Token} and, as {@code X-Auth-Token}, the service's
 * own token ({@link ServiceToken}), or without one the caller's token again (a user may always validate their own
 * token). Works against a real Keystone as well as Cascadia's own.
 *
 * <p>Answers are cached by the SHA-256 of the token (never the token itself) until the token expires or for the
 * cache time (60 s unless given), whichever comes first, so a revoked token stops working within it; the cache
 * holds a bounded number of tokens. Keystone refusing the token gives 401; Keystone unreachable or failing, or
 * refusing the service's own token twice, gives 503. Thread-safe.
 */
public final class RemoteTokenValidator implements TokenValidator {
    static final Duration MAX_CACHE_TIME = Duration.ofSeconds(60);
    private static final int PRUNE_ABOVE = 10_000;
    /** One client for every validator of the JVM: a JVM may host a hundred emulated sites, each with a validator. */
    private static final HttpClient SHARED_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI tokensUri;
    private final HttpClient http;
    private final Clock clock;
    private final ServiceToken serviceToken;
    private final Duration cacheTime;
    private final int maxCached;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** The token a service validates others' tokens with, renewed on demand. */
    public interface ServiceToken {
        /** A valid token of the service user. */
        String get();

        /** Forgets the token after Keystone refused it, so that {@link #get} fetches a new one. */
        void invalidate();
    }

    private record Cached(AuthContext auth, Instant until) {
    }

    /**
     * @param keystoneUrl the identity endpoint, with or without the {@code /v3} suffix
     */
    public RemoteTokenValidator(String keystoneUrl) {
        this(keystoneUrl, SHARED_CLIENT, Clock.systemUTC());
    }

    public RemoteTokenValidator(String keystoneUrl, HttpClient http, Clock clock) {
        this(keystoneUrl, http, clock, null, MAX_CACHE_TIME, PRUNE_ABOVE);
    }

    /**
     * @param serviceToken the service's own token for {@code X-Auth-Token}, or null to validate tokens with themselves
     * @param cacheTime    how long a valid answer is trusted at most (a revoked token works that long)
     * @param maxCached    how many tokens the cache holds at most
     */
    public RemoteTokenValidator(String keystoneUrl, HttpClient http, Clock clock, ServiceToken serviceToken,
                                Duration cacheTime, int maxCached) {
        requireNonNull(keystoneUrl, "keystoneUrl is null");
        this.tokensUri = URI.create(identityBase(keystoneUrl) + "/v3/auth/tokens?nocatalog");
        this.http = requireNonNull(http, "http is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.serviceToken = serviceToken;
        this.cacheTime = requireNonNull(cacheTime, "cacheTime is null");
        if (maxCached < 1) {
            throw new IllegalArgumentException("maxCached must be at least 1, got: " + maxCached);
        }
        this.maxCached = maxCached;
    }

    /** The Keystone URL without a trailing slash or {@code /v3}. */
    static String identityBase(String keystoneUrl) {
        String base = keystoneUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/v3")) {
            base = base.substring(0, base.length() - 3);
        }
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("the Keystone URL must start with http:// or https://, got: " + keystoneUrl);
        }
        return base;
    }

    @Override
    public AuthContext validate(String token) {
        String key = sha256(token);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.auth();
        }
        AuthContext auth = fetch(token);
        if (!now.isBefore(auth.expiresAt())) {
            throw unauthenticated();
        }
        Instant until = auth.expiresAt().isBefore(now.plus(cacheTime)) ? auth.expiresAt() : now.plus(cacheTime);
        if (cache.size() >= maxCached) {
            prune(now);
        }
        cache.put(key, new Cached(auth, until));
        return auth;
    }

    /** Drops expired answers, then, if the cache is still full, any others until there is room. */
    private void prune(Instant now) {
        cache.values().removeIf(entry -> !now.isBefore(entry.until()));
        var keys = cache.keySet().iterator();
        while (cache.size() >= maxCached && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private AuthContext fetch(String token) {
        HttpResponse<String> response = ask(token);
        if (serviceToken != null && response.statusCode() == 401) {
            // The service's own token was refused (expired, revoked): one more try with a new one.
            serviceToken.invalidate();
            response = ask(token);
            if (response.statusCode() == 401) {
                throw identityUnavailable();
            }
        }
        int status = response.statusCode();
        if (status == 403 && serviceToken != null) {
            // The service user may not validate others' tokens (it lacks the admin or service role): an outage of
            // configuration, not a bad token.
            throw identityUnavailable();
        }
        if (status == 401 || status == 403 || status == 404) {
            throw unauthenticated();
        }
        if (status != 200) {
            throw identityUnavailable();
        }
        try {
            return parse(token, Json.read(response.body()).path("token"));
        } catch (IllegalArgumentException e) {
            throw identityUnavailable();
        }
    }

    private HttpResponse<String> ask(String token) {
        String asking;
        try {
            asking = serviceToken != null ? serviceToken.get() : token;
        } catch (RuntimeException e) {
            throw identityUnavailable();
        }
        HttpRequest request = HttpRequest.newBuilder(tokensUri)
                .timeout(Duration.ofSeconds(10))
                .header(Router.AUTH_TOKEN, asking)
                .header("X-Subject-Token", token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw identityUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw identityUnavailable();
        }
    }

    private static AuthContext parse(String token, JsonNode body) {
        JsonNode user = body.path("user");
        JsonNode project = body.path("project");
        List<String> roles = new ArrayList<>();
        body.path("roles").forEach(role -> roles.add(role.path("name").asText()));
        Instant expiresAt = Timestamps.parse(body.path("expires_at").asText(null))
                .orElseThrow(() -> new IllegalArgumentException("token without expires_at"));
        String userId = text(user, "id");
        if (userId == null) {
            throw new IllegalArgumentException("token without a user");
        }
        return new AuthContext(token, userId, text(user, "name"), text(user.path("domain"), "id"),
                text(project, "id"), text(project, "name"), text(project.path("domain"), "id"),
                text(body.path("domain"), "id"), roles, expiresAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static OpenStackException unauthenticated() {
        return OpenStackException.unauthorized("The request you have made requires authentication.");
    }

    private static OpenStackException identityUnavailable() {
        return new OpenStackException(ErrorKind.SERVICE_UNAVAILABLE,
                "The server is currently unavailable. Please try again at a later time.");
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
