package io.cascadia.api;

import io.cascadia.testkit.WireClient;
import java.util.Map;

/** Password authentication bodies and token issue calls for tests, as keystoneauth sends them. */
public final class TestTokens {
    private TestTokens() {
    }

    public static String passwordBody(String user, String password, String project) {
        String scope = project == null ? "" : """
                , "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}""".formatted(project);
        return """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"name": "Default"}, "password": "%s"}}}%s}}""".formatted(user, password, scope);
    }

    public static String issue(WireClient client, String user, String password, String project) {
        WireClient.Answer answer = client.send("POST", "/v3/auth/tokens", Map.of(), passwordBody(user, password, project));
        if (answer.status() != 201) {
            throw new AssertionError("token issue failed: " + answer.status() + " " + answer.text());
        }
        return answer.header("X-Subject-Token").orElseThrow();
    }
}
