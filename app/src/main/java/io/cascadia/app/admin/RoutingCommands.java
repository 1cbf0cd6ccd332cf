package io.cascadia.app.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cascadia admin routing ...}. */
@Command(name = "routing", mixinStandardHelpOptions = true, description = "The routing table: top resources to their copies in sites.",
        subcommands = RoutingCommands.List.class)
public final class RoutingCommands {
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List routings, filtered and paged.")
    static final class List implements Runnable {
        @Mixin
        AdminOptions options;

        @Option(names = "--top-id", description = "Only copies of this top resource.")
        String topId;

        @Option(names = "--region", description = "Only copies in this site.")
        String region;

        @Option(names = "--type", description = "Only this resource type (server, network, subnet, port, ...).")
        String type;

        @Option(names = "--limit", defaultValue = "100", description = "Page size (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--marker", description = "Continue after this marker (printed by the previous page).")
        String marker;

        @Override
        public void run() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("top_id", topId);
            query.put("region", region);
            query.put("resource_type", type);
            query.put("limit", limit);
            query.put("marker", marker);
            var body = options.client().get("/routings" + Queries.of(query));
            options.print(body, "routings", new Table()
                    .column("Top id", "top_id").column("Type", "resource_type").column("Region", "region")
                    .column("Bottom id", "bottom_id").column("State", "state").column("Updated", "updated_at"));
            String next = body.path("routings_links").path(0).path("href").asText("");
            if (!options.json && !next.isEmpty()) {
                System.out.println("next page: --marker " + next.replaceAll(".*[?&]marker=([^&]*).*", "$1"));
            }
        }
    }

    /** Query strings from optional values. */
    static final class Queries {
        private Queries() {
        }

        static String of(Map<String, Object> values) {
            String query = values.entrySet().stream().filter(e -> e.getValue() != null)
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return query.isEmpty() ? "" : "?" + query;
        }
    }
}
