package io.cascadia.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import io.cascadia.web.ApiModule;
import io.cascadia.web.HttpServer;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written Keystone for the emulator's tests: it answers {@code GET /v3/auth/tokens} (self-validation, as
 * emulated sites call it) for a fixed set of tokens, so sites can be tested without the top layer.
 */
final class FakeKeystone implements AutoCloseable {
    static final String ADMIN = "admin-token";
    static final String DEMO = "demo-token";
    static final String OTHER = "other-token";
    static final String ADMIN_PROJECT = "a0000000000000000000000000000001";
    static final String DEMO_PROJECT = "d0000000000000000000000000000001";
    static final String OTHER_PROJECT = "e0000000000000000000000000000001";

    /** Who a token belongs to. */
    record Identity(String userId, String userName, String projectId, String projectName, List<String> roles) {
    }

    private final Map<String, Identity> tokens = new ConcurrentHashMap<>(Map.of(
            ADMIN, new Identity("u-admin", "admin", ADMIN_PROJECT, "admin", List.of("admin", "member", "reader")),
            DEMO, new Identity("u-demo", "demo", DEMO_PROJECT, "demo", List.of("member", "reader")),
            OTHER, new Identity("u-other", "other", OTHER_PROJECT, "other", List.of("member", "reader"))));
    private final HttpServer server;

    FakeKeystone() {
        server = HttpServer.builder("fake-keystone").port(0).module(new ApiModule() {
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
                    Identity caller = tokens.get(String.valueOf(ctx.header("X-Auth-Token")));
                    Identity subject = tokens.get(String.valueOf(ctx.header("X-Subject-Token")));
                    if (caller == null) {
                        throw OpenStackException.unauthorized("The request you have made requires authentication.");
                    }
                    if (subject == null) {
                        throw OpenStackException.notFound("Could not find token.");
                    }
                    Responses.json(ctx, 200, body(subject));
                });
            }
        }).start();
    }

    void revoke(String token) {
        tokens.remove(token);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private static ObjectNode body(Identity identity) {
        ObjectNode body = Json.object();
        ObjectNode token = body.putObject("token");
        token.putObject("user").put("id", identity.userId()).put("name", identity.userName())
                .putObject("domain").put("id", "default").put("name", "Default");
        token.putObject("project").put("id", identity.projectId()).put("name", identity.projectName())
                .putObject("domain").put("id", "default").put("name", "Default");
        ArrayNode roles = token.putArray("roles");
        identity.roles().forEach(role -> roles.addObject().put("id", "r-" + role).put("name", role));
        token.put("expires_at", Timestamps.micros(Instant.now().plus(1, ChronoUnit.HOURS)));
        return body;
    }

    @Override
    public void close() {
        server.close();
    }
}
