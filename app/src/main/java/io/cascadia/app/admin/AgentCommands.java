package io.cascadia.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cascadia admin agent ...}: the L2 agents of emulated sites. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "L2 agents of emulated sites.",
        subcommands = {AgentCommands.Fdb.class})
public final class AgentCommands {
    /**
     * The base URL of a site's services (scheme, host and port of its network endpoint): where an emulated site serves
     * its {@code /emulator} inspection endpoints.
     */
    static Optional<String> siteBase(JsonNode site) {
        String network = site.path("endpoints").path("network").asText("");
        if (network.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(network);
        return Optional.of(uri.getScheme() + "://" + uri.getAuthority());
    }

    @Command(name = "fdb", mixinStandardHelpOptions = true,
            description = "Show an L2 agent's table from l2 population: per network, the flood list and an fdb / ARP"
                    + " responder entry (MAC, IP, VTEP) for every port elsewhere, remote ports of other sites included."
                    + " Asks every site until one knows the agent (emulated sites only).")
    static final class Fdb implements Runnable {
        @Mixin
        AdminOptions options;

        @Parameters(paramLabel = "AGENT", description = "The agent's id or its host's name, e.g. site1-compute-1.")
        String agent;

        @Option(names = "--region", description = "Ask only this site.")
        String region;

        @Override
        public void run() {
            AdminClient client = options.client();
            for (JsonNode site : client.get("/sites").path("sites")) {
                if (region != null && !region.equals(site.path("region").asText())) {
                    continue;
                }
                Optional<JsonNode> table = siteBase(site).flatMap(base -> client.findAt(base + "/emulator/agents/"
                        + URLEncoder.encode(agent, StandardCharsets.UTF_8) + "/l2-population"));
                if (table.isPresent()) {
                    ObjectNode body = (ObjectNode) table.get();
                    ((ObjectNode) body.path("l2_population")).put("region", site.path("region").asText());
                    print(body);
                    return;
                }
            }
            throw new IllegalArgumentException("no " + (region == null ? "site" : "site " + region) + " knows agent " + agent
                    + " (only emulated sites show their agents' tables)");
        }

        private void print(ObjectNode body) {
            if (options.json) {
                System.out.println(Json.write(body));
                return;
            }
            JsonNode table = body.path("l2_population");
            System.out.printf("Agent %s on %s (site %s), VTEP %s%n", table.path("agent_id").asText(), table.path("host").asText(),
                    table.path("region").asText(), table.path("tunneling_ip").asText());
            ArrayNode rows = Json.mapper().createArrayNode();
            for (JsonNode network : table.path("networks")) {
                ArrayList<String> flood = new ArrayList<>();
                network.path("flood").forEach(vtep -> flood.add(vtep.asText()));
                if (network.path("fdb").isEmpty()) {
                    rows.addObject().put("network", network.path("network_id").asText())
                            .put("vni", network.path("segmentation_id").asText()).put("flood", String.join(",", flood));
                }
                for (JsonNode entry : network.path("fdb")) {
                    rows.addObject()
                            .put("network", network.path("network_id").asText())
                            .put("vni", network.path("segmentation_id").asText())
                            .put("mac", entry.path("mac_address").asText())
                            .put("ip", entry.path("ip_address").asText(""))
                            .put("vtep", entry.path("vtep").asText())
                            .put("port", entry.path("port_id").asText())
                            .put("flood", String.join(",", flood));
                }
            }
            new Table().column("Network", "network").column("VNI", "vni").column("MAC", "mac").column("IP", "ip")
                    .column("VTEP", "vtep").column("Port", "port").column("Flood to", "flood")
                    .print(rows, System.out);
        }
    }
}
