package io.cascadia.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import picocli.CommandLine.Option;

/** Options every admin command takes: which cloud to act as, and JSON output. */
final class AdminOptions {
    @Option(names = "--os-cloud", defaultValue = "cascadia-admin",
            description = "Cloud in clouds.yaml to act as (default: ${DEFAULT-VALUE}).")
    String cloud;

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean json;

    AdminClient client() {
        return AdminClient.connect(CloudCredentials.load(cloud));
    }

    /** Prints JSON when asked, else the table. */
    void print(JsonNode body, String key, Table table) {
        if (json) {
            System.out.println(Json.write(body));
        } else {
            table.print(body.path(key).isArray() ? body.path(key) : java.util.List.of(body.path(key)), System.out);
        }
    }
}
