package io.cascadia.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cascadia admin site ...}. */
@Command(name = "site", mixinStandardHelpOptions = true, description = "Sites: the cascaded OpenStacks (Keystone regions).",
        subcommands = {SiteCommands.List.class, SiteCommands.Show.class, SiteCommands.Add.class,
            SiteCommands.Disable.class, SiteCommands.Enable.class})
public final class SiteCommands {
    static Table table() {
        return new Table()
                .column("Region", "region")
                .column("State", "state")
                .column("Since", "state_since")
                .column("Availability zones", site -> StreamSupport.stream(site.path("availability_zones").spliterator(), false)
                        .map(z -> z.path("name").asText() + (z.path("name").asText().equals(z.path("site_zone").asText())
                                ? "" : "=" + z.path("site_zone").asText()))
                        .collect(Collectors.joining(", ")))
                .column("Endpoints", site -> site.path("endpoints").properties().stream()
                        .map(e -> e.getKey() + " " + e.getValue().asText()).collect(Collectors.joining(", ")))
                .column("Last error", "last_error");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List sites with health and endpoints.")
    static final class List implements Runnable {
        @Mixin
        AdminOptions options;

        @Override
        public void run() {
            options.print(options.client().get("/sites"), "sites", table());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one site.")
    static final class Show implements Runnable {
        @Mixin
        AdminOptions options;

        @Parameters(paramLabel = "REGION")
        String region;

        @Override
        public void run() {
            options.print(options.client().get("/sites/" + region), "site", table());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register the site of a Keystone region; its endpoints are read from the catalog.")
    static final class Add implements Runnable {
        @Mixin
        AdminOptions options;

        @Option(names = "--region", required = true, description = "The site's region in the catalog.")
        String region;

        @Option(names = "--az-map", paramLabel = "SITE_AZ=TOP_AZ",
                description = "Show a site availability zone under another name at the top (repeatable).")
        Map<String, String> zones = Map.of();

        @Override
        public void run() {
            ObjectNode body = Json.object();
            ObjectNode site = body.putObject("site").put("region", region);
            ObjectNode mapping = site.putObject("availability_zones");
            zones.forEach(mapping::put);
            options.print(options.client().post("/sites", body), "site", table());
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Take a site out of scheduling.")
    static final class Disable implements Runnable {
        @Mixin
        AdminOptions options;

        @Parameters(paramLabel = "REGION")
        String region;

        @Override
        public void run() {
            options.print(options.client().post("/sites/" + region + "/disable", null), "site", table());
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Return a disabled site to service.")
    static final class Enable implements Runnable {
        @Mixin
        AdminOptions options;

        @Parameters(paramLabel = "REGION")
        String region;

        @Override
        public void run() {
            JsonNode site = options.client().post("/sites/" + region + "/enable", null);
            options.print(site, "site", table());
        }
    }
}
