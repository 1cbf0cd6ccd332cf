package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.OpenstackCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation's "done when": the demo, driven by the unmodified openstack CLI, as a user would. */
class DemoWithOpenstackCliTest {
    @TempDir
    Path dataDir;

    @Test
    void theOpenstackCliIssuesTokensReadsTheCatalogAndAdministersIdentity() throws Exception {
        try (Demo demo = Demo.start(dataDir, 0)) {
            OpenstackCli cli = new OpenstackCli(demo.cloudsYaml());

            JsonNode token = cli.run("cascadia", "token", "issue", "-f", "json").assertSucceeded().json();
            assertThat(token.get("id").asText()).isNotBlank();
            assertThat(token.get("project_id").asText()).hasSize(32);

            JsonNode catalog = cli.run("cascadia", "catalog", "list", "-f", "json").assertSucceeded().json();
            assertThat(catalog.toString()).contains("identity", "Cascading", demo.top().publicUrl() + "/v3");

            cli.run("cascadia-admin", "project", "create", "demo2", "-f", "json").assertSucceeded();
            cli.run("cascadia-admin", "user", "create", "--project", "demo2", "--password", "alice-pw", "alice").assertSucceeded();
            cli.run("cascadia-admin", "role", "add", "--project", "demo2", "--user", "alice", "member").assertSucceeded();
            JsonNode assignments = cli.run("cascadia-admin", "role", "assignment", "list", "--user", "alice", "--names",
                    "-f", "json").assertSucceeded().json();
            assertThat(assignments.get(0).get("Role").asText()).isEqualTo("member");
            assertThat(assignments.get(0).get("Project").asText()).isEqualTo("demo2@Default");

            // a member may not administer
            OpenstackCli.Result denied = cli.run("cascadia", "project", "create", "sneaky");
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.stderr()).contains("HTTP 403");

            cli.run("cascadia-admin", "token", "revoke", token.get("id").asText()).assertSucceeded();
        }
    }

    @Test
    void aSecondStartReusesTheDataAndTheCredentials() throws Exception {
        try (Demo demo = Demo.start(dataDir, 0)) {
            new OpenstackCli(demo.cloudsYaml()).run("cascadia-admin", "project", "create", "kept").assertSucceeded();
        }
        String firstClouds = Files.readString(dataDir.resolve("clouds.yaml"));
        try (Demo demo = Demo.start(dataDir, 0)) {
            OpenstackCli cli = new OpenstackCli(demo.cloudsYaml());
            JsonNode project = cli.run("cascadia-admin", "project", "show", "kept", "-f", "json").assertSucceeded().json();
            assertThat(project.get("name").asText()).isEqualTo("kept");
            cli.run("cascadia", "token", "issue", "-f", "json").assertSucceeded();
        }
        String secondClouds = Files.readString(dataDir.resolve("clouds.yaml"));
        assertThat(passwords(secondClouds)).isEqualTo(passwords(firstClouds));
    }

    private static String passwords(String yaml) {
        return yaml.lines().filter(line -> line.contains("password:")).toList().toString();
    }
}
