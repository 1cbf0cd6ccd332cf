package io.cascadia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Validating tokens against a Keystone over HTTP, with the answer cached by the token's hash. */
class RemoteTokenValidatorTest {
    private final AtomicInteger validations = new AtomicInteger();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private HttpServer keystone;
    private RemoteTokenValidator validator;

    @BeforeEach
    void start() {
        keystone = HttpServer.builder("keystone").port(0).module(new ApiModule() {
            @Override
            public Service service() {
                return Service.IDENTITY;
            }

            @Override
            public String prefix() {
                return "";
            }

            @Override
            public void register(Router router) {
                router.getPublic("/v3/auth/tokens", ctx -> {
                    validations.incrementAndGet();
                    String caller = ctx.header("X-Auth-Token");
                    String subject = ctx.header("X-Subject-Token");
                    if (caller == null || !caller.equals(subject) || !tokens.containsKey(subject)) {
                        throw OpenStackException.notFound("Could not find token.");
                    }
                    Responses.json(ctx, 200, token(tokens.get(subject)));
                });
            }
        }).start();
        validator = new RemoteTokenValidator("http://127.0.0.1:" + keystone.port() + "/v3/", HttpClient.newHttpClient(), clock);
    }

    @AfterEach
    void stop() {
        keystone.close();
    }

    @Test
    void aValidTokenGivesTheCallerAndIsAskedOnlyOnceWithinAMinute() {
        tokens.put("secret", clock.instant().plus(Duration.ofHours(1)));

        AuthContext auth = validator.validate("secret");
        assertThat(auth.userId()).isEqualTo("u1");
        assertThat(auth.projectId()).isEqualTo("p1");
        assertThat(auth.isAdmin()).isTrue();
        assertThat(auth.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        validator.validate("secret");
        clock.advance(Duration.ofSeconds(59));
        validator.validate("secret");
        assertThat(validations).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        validator.validate("secret");
        assertThat(validations).hasValue(2);
    }

    @Test
    void aRevokedTokenStopsWorkingWhenTheCacheEntryLapses() {
        tokens.put("secret", clock.instant().plus(Duration.ofHours(1)));
        validator.validate("secret");
        tokens.remove("secret");
        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> validator.validate("secret"))
                .isInstanceOf(OpenStackException.class)
                .extracting(e -> ((OpenStackException) e).kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
    }

    @Test
    void theCacheNeverOutlivesTheToken() {
        tokens.put("short", clock.instant().plus(Duration.ofSeconds(10)));
        validator.validate("short");
        clock.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> validator.validate("short"))
                .extracting(e -> ((OpenStackException) e).kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(validations).hasValue(2);
    }

    @Test
    void anUnknownTokenIsUnauthorizedAndAnUnreachableKeystoneIsUnavailable() {
        assertThatThrownBy(() -> validator.validate("unknown"))
                .extracting(e -> ((OpenStackException) e).kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        keystone.close();
        assertThatThrownBy(() -> validator.validate("anything"))
                .extracting(e -> ((OpenStackException) e).kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
    }

    @Test
    void theKeystoneUrlMayBeGivenWithOrWithoutV3() {
        assertThat(RemoteTokenValidator.identityBase("http://k:5000/v3/")).isEqualTo("http://k:5000");
        assertThat(RemoteTokenValidator.identityBase("http://k:5000")).isEqualTo("http://k:5000");
        assertThatThrownBy(() -> RemoteTokenValidator.identityBase("k:5000")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ObjectNode token(Instant expiresAt) {
        ObjectNode body = Json.object();
        ObjectNode token = body.putObject("token");
        token.putObject("user").put("id", "u1").put("name", "alice").putObject("domain").put("id", "default");
        token.putObject("project").put("id", "p1").put("name", "demo").putObject("domain").put("id", "default");
        var roles = token.putArray("roles");
        List.of("admin", "member").forEach(role -> roles.addObject().put("id", role).put("name", role));
        token.put("expires_at", Timestamps.micros(expiresAt));
        return body;
    }

    /** A clock tests move by hand. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
