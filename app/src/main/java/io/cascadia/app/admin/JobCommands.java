package io.cascadia.app.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cascadia admin job ...}. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Jobs: the work proxies do in sites.",
        subcommands = {JobCommands.List.class, JobCommands.Show.class, JobCommands.Redo.class})
public final class JobCommands {
    static Table table() {
        return new Table()
                .column("Id", "id").column("Type", "type").column("Resource", "resource_id").column("Region", "region")
                .column("State", "state").column("Attempts", "attempts").column("Updated", "updated_at")
                .column("Last error", "last_error");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs, newest first.")
    static final class List implements Runnable {
        @Mixin
        AdminOptions options;

        @Option(names = "--state", description = "pending, running, succeeded or failed.")
        String state;

        @Option(names = "--region", description = "Only jobs for this site.")
        String region;

        @Option(names = "--resource", description = "Only jobs on this top resource id.")
        String resource;

        @Option(names = "--type", description = "Only jobs of this type (e.g. server.create).")
        String type;

        @Option(names = "--limit", defaultValue = "50", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public void run() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("state", state);
            query.put("region", region);
            query.put("resource_id", resource);
            query.put("type", type);
            query.put("limit", limit);
            options.print(options.client().get("/jobs" + RoutingCommands.Queries.of(query)), "jobs", table());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a job with its last error.")
    static final class Show implements Runnable {
        @Mixin
        AdminOptions options;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public void run() {
            options.print(options.client().get("/jobs/" + id), "job", table().column("Request id", "request_id")
                    .column("Payload", job -> job.path("payload").toString()));
        }
    }

    @Command(name = "redo", mixinStandardHelpOptions = true, description = "Run a failed job again from its first attempt.")
    static final class Redo implements Runnable {
        @Mixin
        AdminOptions options;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public void run() {
            options.print(options.client().post("/jobs/" + id + "/redo", null), "job", table());
        }
    }
}
