package io.cascadia.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cascadia server ...}: servers of the demo's real dataplane. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Servers of a demo started with --dataplane.",
        subcommands = {ServerCommands.Exec.class})
public final class ServerCommands {
    private static final String CASCADING = "Cascading";

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = "Run a command inside a server's network namespace, e.g. ./cascadia server exec vm1 -- ping -c 3"
                    + " 10.0.0.3. The server is looked up as the user (--os-cloud), then mapped to its site and namespace"
                    + " as the administrator (--admin-cloud). Needs root; the exit code is the command's.")
    static final class Exec implements Callable<Integer> {
        @Option(names = "--os-cloud", defaultValue = "cascadia",
                description = "Cloud in clouds.yaml that owns the server (default: ${DEFAULT-VALUE}).")
        String cloud;

        @Option(names = "--admin-cloud", defaultValue = "cascadia-admin",
                description = "Cloud in clouds.yaml with the admin role, to find where the server lives (default: ${DEFAULT-VALUE}).")
        String adminCloud;

        @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name or id, as the user sees it.")
        String server;

        @Parameters(index = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("give the command to run after --, e.g. -- ping -c 3 10.0.0.3");
            }
            JsonNode found = resolve(AdminClient.connect(CloudCredentials.load(cloud), "compute", CASCADING));
            String namespace = namespaceOf(found.path("id").asText(), AdminClient.connect(CloudCredentials.load(adminCloud)));
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            full.addAll(command);
            return new ProcessBuilder(full).inheritIO().start().waitFor();
        }

        /** The user's server with this id or, failing that, this exact name (which must be unique). */
        private JsonNode resolve(AdminClient compute) {
            Optional<JsonNode> byId = compute.find("/servers/" + URLEncoder.encode(server, StandardCharsets.UTF_8))
                    .map(body -> body.path("server"));
            if (byId.isPresent()) {
                return byId.get();
            }
            List<JsonNode> named = new ArrayList<>();
            compute.get("/servers?name=" + URLEncoder.encode("^" + escaped(server) + "$", StandardCharsets.UTF_8))
                    .path("servers").forEach(s -> {
                        if (s.path("name").asText().equals(server)) {
                            named.add(s);
                        }
                    });
            if (named.size() != 1) {
                throw new IllegalArgumentException(named.isEmpty() ? "no server " + server + " (by id or name) in cloud " + cloud
                        : named.size() + " servers are named " + server + "; give the id");
            }
            return named.getFirst();
        }

        /** The name as a regular expression matching only itself (Nova filters names by regular expression). */
        private static String escaped(String name) {
            StringBuilder regex = new StringBuilder();
            for (char c : name.toCharArray()) {
                if (!Character.isLetterOrDigit(c) && c != '_' && c != ' ') {
                    regex.append('\\');
                }
                regex.append(c);
            }
            return regex.toString();
        }

        /** The namespace of the top server's copy: its site from the routing table, then the site's dataplane. */
        private String namespaceOf(String topId, AdminClient admin) {
            JsonNode routings = admin.get("/routings?top_id=" + topId + "&resource_type=server").path("routings");
            for (JsonNode row : routings) {
                if (row.path("bottom_id").isNull() || row.path("bottom_id").asText().isEmpty()) {
                    continue;
                }
                JsonNode site = admin.get("/sites/" + URLEncoder.encode(row.path("region").asText(), StandardCharsets.UTF_8)).path("site");
                Optional<JsonNode> wired = AgentCommands.siteBase(site).flatMap(base ->
                        admin.findAt(base + "/emulator/servers/" + row.path("bottom_id").asText() + "/dataplane"));
                if (wired.isPresent()) {
                    return wired.get().path("dataplane").path("namespace").asText();
                }
                throw new IllegalArgumentException("server " + server + " has no namespace in site " + row.path("region").asText()
                        + " (is the demo running with --dataplane, and the server ACTIVE?)");
            }
            throw new IllegalArgumentException("server " + server + " is not placed in a site yet");
        }
    }
}
