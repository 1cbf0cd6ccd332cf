package io.cascadia.api.identity;

import io.cascadia.api.TestTokens;
import io.cascadia.api.TopServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.api.MutableClock;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.WireClient;
import io.cascadia.testkit.WireClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded identity service as Keystone v3 clients see it, over HTTP. Runs against each database engine.
 */
abstract class IdentityApiContract {
    private TopServer server;
    private WireClient client;
    private DatabaseConfig database;

    /** A fresh database for one test; the same config may be opened again to simulate a restart. */
    abstract DatabaseConfig newDatabase();

    @BeforeEach
    void start() {
        database = newDatabase();
        server = new TopServer(database, new MutableClock());
        client = new WireClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void versionDocumentsAreServedAtTheRootAndAtV3() {
        Answer root = client.get("/", Map.of());
        assertThat(root.status()).isEqualTo(300);
        assertThat(root.json().at("/versions/values/0/id").asText()).isEqualTo("v3.14");
        assertThat(root.json().at("/versions/values/0/links/0/href").asText()).isEqualTo(server.url() + "/v3/");

        Answer v3 = client.get("/v3", Map.of());
        assertThat(v3.status()).isEqualTo(200);
        assertThat(v3.json().at("/version/status").asText()).isEqualTo("stable");
        assertThat(v3.json().at("/version/media-types/0/type").asText()).isEqualTo("application/vnd.openstack.identity-v3+json");
    }

    @Test
    void passwordAuthenticationIssuesAProjectScopedTokenWithTheCatalog() {
        Answer answer = client.send("POST", "/v3/auth/tokens", Map.of(),
                TestTokens.passwordBody("demo", TopServer.DEMO_PASSWORD, "demo"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("X-Subject-Token")).isPresent();
        JsonNode token = answer.json().get("token");
        assertThat(token.get("methods").get(0).asText()).isEqualTo("password");
        assertThat(token.at("/user/name").asText()).isEqualTo("demo");
        assertThat(token.at("/user/domain/id").asText()).isEqualTo("default");
        assertThat(token.at("/project/id").asText()).isEqualTo(server.demoProject.id());
        assertThat(token.at("/project/domain/name").asText()).isEqualTo("Default");
        assertThat(names(token.get("roles"))).containsExactlyInAnyOrder("member", "reader");
        assertThat(token.get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(token.get("audit_ids")).hasSize(1);

        JsonNode identity = service(token.get("catalog"), "identity");
        JsonNode endpoint = identity.get("endpoints").get(0);
        assertThat(endpoint.get("region").asText()).isEqualTo("Cascading");
        assertThat(endpoint.get("region_id").asText()).isEqualTo("Cascading");
        assertThat(endpoint.get("interface").asText()).isEqualTo("public");
        assertThat(endpoint.get("url").asText()).isEqualTo(server.url() + "/v3");
        JsonNode volume = service(token.get("catalog"), "volumev3").get("endpoints").get(0);
        assertThat(volume.get("url").asText()).isEqualTo("http://127.0.0.1:9/volume/v3/" + server.demoProject.id());
        assertThat(volume.get("region_id").asText()).isEqualTo("site1");
    }

    @Test
    void aTokenCanBeValidatedByItsOwnerAndByAnAdminButNotByAnotherUser() {
        String demo = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        String admin = TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin");

        Answer byAdmin = client.get("/v3/auth/tokens", Map.of("X-Auth-Token", admin, "X-Subject-Token", demo));
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().at("/token/user/name").asText()).isEqualTo("demo");
        assertThat(byAdmin.header("X-Subject-Token")).contains(demo);

        assertThat(client.send("HEAD", "/v3/auth/tokens", Map.of("X-Auth-Token", demo, "X-Subject-Token", demo), null).status())
                .isEqualTo(200);
        Answer byOther = client.get("/v3/auth/tokens", Map.of("X-Auth-Token", demo, "X-Subject-Token", admin));
        assertThat(byOther.status()).isEqualTo(403);
        assertKeystoneError(byOther, 403);
    }

    @Test
    void aRevokedTokenIsRefusedWith401() {
        String demo = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        String admin = TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin");

        Answer revoke = client.send("DELETE", "/v3/auth/tokens", Map.of("X-Auth-Token", admin, "X-Subject-Token", demo), null);
        assertThat(revoke.status()).isEqualTo(204);

        Answer use = client.get("/v3/users/" + server.demoUser.id(), Map.of("X-Auth-Token", demo));
        assertThat(use.status()).isEqualTo(401);
        assertKeystoneError(use, 401);
        assertThat(client.get("/v3/auth/tokens", Map.of("X-Auth-Token", admin, "X-Subject-Token", demo)).status()).isEqualTo(404);
    }

    @Test
    void changingOnesOwnPasswordRevokesTheTokensIssuedBefore() {
        String demo = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        String other = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, null);
        String admin = TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin");
        String self = "/v3/users/" + server.demoUser.id();
        // validated once, so a cached validation would let it through afterwards
        assertThat(client.get(self, Map.of("X-Auth-Token", demo)).status()).isEqualTo(200);

        Answer change = client.send("POST", self + "/password", Map.of("X-Auth-Token", demo), """
                {"user": {"original_password": "%s", "password": "demo-secret-2"}}""".formatted(TopServer.DEMO_PASSWORD));
        assertThat(change.status()).isEqualTo(204);

        for (String old : List.of(demo, other)) {
            Answer use = client.get(self, Map.of("X-Auth-Token", old));
            assertThat(use.status()).isEqualTo(401);
            assertKeystoneError(use, 401);
            assertThat(client.get("/v3/auth/tokens", Map.of("X-Auth-Token", old, "X-Subject-Token", old)).status()).isEqualTo(401);
            assertThat(client.get("/v3/auth/tokens", Map.of("X-Auth-Token", admin, "X-Subject-Token", old)).status()).isEqualTo(404);
        }
        assertThat(client.get("/v3/auth/tokens", Map.of("X-Auth-Token", admin, "X-Subject-Token", admin)).status()).isEqualTo(200);
        assertThat(client.send("POST", "/v3/auth/tokens", Map.of(), TestTokens.passwordBody("demo", TopServer.DEMO_PASSWORD, "demo"))
                .status()).isEqualTo(401);
        String renewed = TestTokens.issue(client, "demo", "demo-secret-2", "demo");
        assertThat(client.get(self, Map.of("X-Auth-Token", renewed)).status()).isEqualTo(200);
    }

    @Test
    void anAdministratorSettingAUsersPasswordRevokesThatUsersTokensOnly() {
        String demo = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        String admin = TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin");
        String user = "/v3/users/" + server.demoUser.id();
        assertThat(client.get(user, Map.of("X-Auth-Token", demo)).status()).isEqualTo(200);

        Answer describe = client.send("PATCH", user, Map.of("X-Auth-Token", admin), "{\"user\": {\"description\": \"no password\"}}");
        assertThat(describe.status()).isEqualTo(200);
        assertThat(client.get(user, Map.of("X-Auth-Token", demo)).status()).isEqualTo(200);

        Answer reset = client.send("PATCH", user, Map.of("X-Auth-Token", admin), "{\"user\": {\"password\": \"demo-secret-3\"}}");
        assertThat(reset.status()).isEqualTo(200);

        Answer use = client.get(user, Map.of("X-Auth-Token", demo));
        assertThat(use.status()).isEqualTo(401);
        assertKeystoneError(use, 401);
        assertThat(client.get("/v3/auth/tokens", Map.of("X-Auth-Token", demo, "X-Subject-Token", demo)).status()).isEqualTo(401);
        assertThat(client.get(user, Map.of("X-Auth-Token", admin)).status()).isEqualTo(200);
        assertThat(TestTokens.issue(client, "demo", "demo-secret-3", "demo")).isNotBlank();
    }

    @Test
    void anExpiredTokenIsRefusedWith401() {
        String demo = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        assertThat(client.get("/v3/users/" + server.demoUser.id(), Map.of("X-Auth-Token", demo)).status()).isEqualTo(200);

        server.clock.advance(Duration.ofMinutes(61));

        Answer expired = client.get("/v3/users/" + server.demoUser.id(), Map.of("X-Auth-Token", demo));
        assertThat(expired.status()).isEqualTo(401);
        assertKeystoneError(expired, 401);
    }

    @Test
    void tokensSurviveARestart() {
        String demo = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        server.close();

        server = new TopServer(database, new MutableClock());
        client = new WireClient(server.url());

        assertThat(client.get("/v3/users/" + server.demoUser.id(), Map.of("X-Auth-Token", demo)).status()).isEqualTo(200);
    }

    @Test
    void anUnscopedTokenCanBeRescopedToAProjectWithTheTokenMethod() {
        Answer unscoped = client.send("POST", "/v3/auth/tokens", Map.of(), """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo",
                 "domain": {"id": "default"}, "password": "%s"}}}, "scope": "unscoped"}}""".formatted(TopServer.DEMO_PASSWORD));
        assertThat(unscoped.status()).isEqualTo(201);
        assertThat(unscoped.json().get("token").has("project")).isFalse();
        assertThat(unscoped.json().get("token").has("catalog")).isFalse();

        Answer rescoped = client.send("POST", "/v3/auth/tokens", Map.of(), """
                {"auth": {"identity": {"methods": ["token"], "token": {"id": "%s"}},
                 "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}"""
                .formatted(unscoped.header("X-Subject-Token").orElseThrow()));

        assertThat(rescoped.status()).isEqualTo(201);
        assertThat(rescoped.json().at("/token/project/name").asText()).isEqualTo("demo");
        assertThat(rescoped.json().at("/token/methods/0").asText()).isEqualTo("password");
        assertThat(rescoped.json().at("/token/audit_ids")).hasSize(2);
        assertThat(rescoped.json().at("/token/expires_at")).isEqualTo(unscoped.json().at("/token/expires_at"));
    }

    @Test
    void aDomainScopedTokenNeedsARoleOnTheDomain() {
        String admin = TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin");
        String domainScope = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin",
                 "domain": {"id": "default"}, "password": "%s"}}}, "scope": {"domain": {"id": "default"}}}}"""
                .formatted(TopServer.ADMIN_PASSWORD);
        assertThat(client.send("POST", "/v3/auth/tokens", Map.of(), domainScope).status()).isEqualTo(401);

        String adminId = client.get("/v3/users?name=admin", Map.of("X-Auth-Token", admin)).json().at("/users/0/id").asText();
        String roleId = client.get("/v3/roles?name=admin", Map.of("X-Auth-Token", admin)).json().at("/roles/0/id").asText();
        assertThat(client.send("PUT", "/v3/domains/default/users/" + adminId + "/roles/" + roleId,
                Map.of("X-Auth-Token", admin), null).status()).isEqualTo(204);

        Answer scoped = client.send("POST", "/v3/auth/tokens", Map.of(), domainScope);
        assertThat(scoped.status()).isEqualTo(201);
        assertThat(scoped.json().at("/token/domain/id").asText()).isEqualTo("default");
    }

    @Test
    void badCredentialsAndBadBodiesGetKeystoneErrorsNeverAServerError() {
        record Case(String body, int status) {
        }
        List<Case> cases = List.of(
                new Case("{not json", 400),
                new Case("", 400),
                new Case("[]", 400),
                new Case("{\"auth\": 1}", 400),
                new Case("{\"auth\": {}}", 400),
                new Case("{\"auth\": {\"identity\": {\"methods\": \"password\"}}}", 400),
                new Case("{\"auth\": {\"identity\": {}}}", 400),
                new Case("{\"auth\": {\"identity\": {\"methods\": [\"password\"]}}}", 400),
                new Case("{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": 7}}}}}", 400),
                new Case("{\"auth\": {\"identity\": {\"methods\": [\"totp\"]}}}", 401),
                new Case(TestTokens.passwordBody("nobody", "x", null), 401),
                new Case(TestTokens.passwordBody("demo", "wrong", null), 401),
                new Case(TestTokens.passwordBody("demo", TopServer.DEMO_PASSWORD, "admin"), 401),
                new Case(TestTokens.passwordBody("demo", TopServer.DEMO_PASSWORD, "no-such-project"), 401),
                new Case("{\"auth\": {\"identity\": {\"methods\": [\"token\"], \"token\": {\"id\": \"forged\"}}}}", 401));
        for (Case c : cases) {
            Answer answer = client.send("POST", "/v3/auth/tokens", Map.of(), c.body());
            assertThat(answer.status()).as(c.body()).isEqualTo(c.status());
            assertKeystoneError(answer, c.status());
        }
    }

    @Test
    void aTokenRequestOverOneMebibyteIsRefusedWith413() {
        String padding = "x".repeat(1024 * 1024);
        String body = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"demo\", "
                + "\"domain\": {\"id\": \"default\"}, \"password\": \"" + TopServer.DEMO_PASSWORD + "\"}}}}, \"pad\": \"" + padding + "\"}";

        Answer answer = client.send("POST", "/v3/auth/tokens", Map.of(), body);

        assertThat(answer.status()).isEqualTo(413);
        assertKeystoneError(answer, 413);
        assertThat(answer.json().at("/error/title").asText()).isEqualTo("Request Entity Too Large");
        assertThat(client.send("POST", "/v3/auth/tokens", Map.of(), TestTokens.passwordBody("demo", TopServer.DEMO_PASSWORD, "demo"))
                .status()).isEqualTo(201);
    }

    @Test
    void administratorsManageProjectsUsersAndRolesWhileMembersAreForbidden() {
        String admin = TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin");
        String demo = TestTokens.issue(client, "demo", TopServer.DEMO_PASSWORD, "demo");
        Map<String, String> asAdmin = Map.of("X-Auth-Token", admin);

        Answer project = client.send("POST", "/v3/projects", asAdmin, "{\"project\": {\"name\": \"p2\", \"domain_id\": \"default\"}}");
        assertThat(project.status()).isEqualTo(201);
        String projectId = project.json().at("/project/id").asText();
        assertThat(project.json().at("/project/links/self").asText()).isEqualTo(server.url() + "/v3/projects/" + projectId);

        Answer duplicate = client.send("POST", "/v3/projects", asAdmin, "{\"project\": {\"name\": \"p2\"}}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertKeystoneError(duplicate, 409);

        Answer user = client.send("POST", "/v3/users", asAdmin,
                "{\"user\": {\"name\": \"alice\", \"password\": \"alice-pw\", \"default_project_id\": \"%s\"}}".formatted(projectId));
        assertThat(user.status()).isEqualTo(201);
        assertThat(user.json().get("user").has("password")).isFalse();
        String userId = user.json().at("/user/id").asText();
        String memberRole = client.get("/v3/roles?name=member", asAdmin).json().at("/roles/0/id").asText();

        // alice has no role yet: her default project is skipped and she gets an unscoped token
        assertThat(client.send("POST", "/v3/auth/tokens", Map.of(), TestTokens.passwordBody("alice", "alice-pw", "p2")).status())
                .isEqualTo(401);
        assertThat(client.send("PUT", "/v3/projects/%s/users/%s/roles/%s".formatted(projectId, userId, memberRole), asAdmin, null)
                .status()).isEqualTo(204);
        assertThat(client.send("HEAD", "/v3/projects/%s/users/%s/roles/%s".formatted(projectId, userId, memberRole), asAdmin, null)
                .status()).isEqualTo(204);
        String alice = TestTokens.issue(client, "alice", "alice-pw", "p2");
        assertThat(client.get("/v3/projects/" + projectId, Map.of("X-Auth-Token", alice)).status()).isEqualTo(200);

        Answer assignments = client.get("/v3/role_assignments?user.id=" + userId + "&include_names=True", asAdmin);
        assertThat(assignments.json().at("/role_assignments/0/scope/project/name").asText()).isEqualTo("p2");
        assertThat(assignments.json().at("/role_assignments/0/user/domain/name").asText()).isEqualTo("Default");

        for (String[] call : new String[][] {{"GET", "/v3/projects"}, {"GET", "/v3/users"}, {"GET", "/v3/roles"},
                {"POST", "/v3/projects"}, {"GET", "/v3/projects/" + projectId}, {"DELETE", "/v3/users/" + userId}}) {
            Answer forbidden = client.send(call[0], call[1], Map.of("X-Auth-Token", demo),
                    call[0].equals("POST") ? "{\"project\": {\"name\": \"x\"}}" : null);
            assertThat(forbidden.status()).as(call[0] + " " + call[1]).isEqualTo(403);
            assertKeystoneError(forbidden, 403);
        }

        // removing the role takes effect on the token already issued
        assertThat(client.send("DELETE", "/v3/projects/%s/users/%s/roles/%s".formatted(projectId, userId, memberRole), asAdmin, null)
                .status()).isEqualTo(204);
        assertThat(client.get("/v3/projects/" + projectId, Map.of("X-Auth-Token", alice)).status()).isEqualTo(401);
    }

    @Test
    void unknownResourcesAnswer404WithKeystonesBody() {
        String admin = TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin");
        for (String path : List.of("/v3/projects/nope", "/v3/users/nope", "/v3/roles/nope", "/v3/domains/nope",
                "/v3/regions/nope", "/v3/services/nope", "/v3/endpoints/nope", "/v3/no-such-collection")) {
            Answer answer = client.get(path, Map.of("X-Auth-Token", admin));
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertKeystoneError(answer, 404);
        }
    }

    @Test
    void catalogRegionsServicesAndEndpointsAreManagedByAdministrators() {
        Map<String, String> asAdmin = Map.of("X-Auth-Token", TestTokens.issue(client, "admin", TopServer.ADMIN_PASSWORD, "admin"));
        assertThat(client.send("POST", "/v3/regions", asAdmin, "{\"region\": {\"id\": \"site9\"}}").status()).isEqualTo(201);
        Answer service = client.send("POST", "/v3/services", asAdmin, "{\"service\": {\"type\": \"compute\", \"name\": \"nova\"}}");
        assertThat(service.status()).isEqualTo(201);
        String serviceId = service.json().at("/service/id").asText();

        Answer badInterface = client.send("POST", "/v3/endpoints", asAdmin, """
                {"endpoint": {"service_id": "%s", "interface": "outside", "url": "http://127.0.0.1:1/x", "region_id": "site9"}}"""
                .formatted(serviceId));
        assertThat(badInterface.status()).isEqualTo(400);
        Answer endpoint = client.send("POST", "/v3/endpoints", asAdmin, """
                {"endpoint": {"service_id": "%s", "interface": "public", "url": "http://127.0.0.1:1/compute", "region_id": "site9"}}"""
                .formatted(serviceId));
        assertThat(endpoint.status()).isEqualTo(201);
        assertThat(endpoint.json().at("/endpoint/region").asText()).isEqualTo("site9");

        Answer inUse = client.send("DELETE", "/v3/regions/site9", asAdmin, null);
        assertThat(inUse.status()).isEqualTo(403);
        Answer token = client.send("POST", "/v3/auth/tokens", Map.of(), TestTokens.passwordBody("demo", TopServer.DEMO_PASSWORD, "demo"));
        assertThat(service(token.json().at("/token/catalog"), "compute").at("/endpoints/0/url").asText())
                .isEqualTo("http://127.0.0.1:1/compute");
    }

    @Test
    void everyResponseCarriesARequestId() {
        for (Answer answer : List.of(client.get("/v3", Map.of()), client.get("/v3/projects", Map.of()),
                client.get("/nowhere", Map.of()), client.send("POST", "/v3/auth/tokens", Map.of(), "{"))) {
            assertThat(answer.header("x-openstack-request-id")).hasValueSatisfying(id ->
                    assertThat(id).matches("req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        }
    }

    @Test
    void healthAndMetricsAreServedWithoutAToken() {
        Answer health = client.get("/healthz", Map.of());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");

        client.get("/v3/projects", Map.of());
        Answer metrics = client.get("/metrics", Map.of());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("http_server_requests_seconds_count{method=\"GET\",service=\"identity\",status=\"401\"}");
    }

    static void assertKeystoneError(Answer answer, int status) {
        JsonNode error = answer.json().get("error");
        assertThat(error).as("error body of " + answer.text()).isNotNull();
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("title").asText()).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(answer.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get("name").asText()));
        return names;
    }

    private static JsonNode service(JsonNode catalog, String type) {
        return StreamSupport.stream(catalog.spliterator(), false)
                .filter(s -> s.get("type").asText().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in catalog " + catalog));
    }
}
