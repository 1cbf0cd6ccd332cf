package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.OpenstackCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulated-site issue's "done when": the demo's sites, driven by the unmodified openstack CLI pointed at site1. */
class EmulatedSitesWithOpenstackCliTest {
    @TempDir
    Path dataDir;

    @Test
    void theOpenstackCliBuildsAServerInSiteOneWithAnActiveBoundPortAndSeesTheAgents() throws Exception {
        try (Demo demo = Demo.start(dataDir, 0, 2)) {
            assertThat(demo.sites()).extracting(site -> site.region()).containsExactly("site1", "site2");
            OpenstackCli cli = new OpenstackCli(demo.cloudsYaml());

            JsonNode catalog = cli.run("cascadia", "catalog", "list", "-f", "json").assertSucceeded().json();
            assertThat(catalog.toString()).contains("site1", "site2", demo.sites().getFirst().url() + "/compute/v2.1");

            site1(cli, "cascadia", "network", "create", "private", "-f", "json");
            JsonNode subnet = site1(cli, "cascadia", "subnet", "create", "--network", "private", "--subnet-range",
                    "10.0.0.0/24", "private-subnet", "-f", "json");
            assertThat(subnet.get("gateway_ip").asText()).isEqualTo("10.0.0.1");

            JsonNode server = site1(cli, "cascadia", "server", "create", "--flavor", "m1.tiny", "--image",
                    "cirros-0.6.2-x86_64-disk", "--network", "private", "--wait", "vm1", "-f", "json");
            assertThat(server.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(server.get("OS-EXT-AZ:availability_zone").asText()).isEqualTo("az1");
            String serverId = server.get("id").asText();

            JsonNode ports = site1(cli, "cascadia-admin", "port", "list", "--device-id", serverId, "-f", "json");
            assertThat(ports).hasSize(1);
            JsonNode port = site1(cli, "cascadia-admin", "port", "show", ports.get(0).get("ID").asText(), "-f", "json");
            assertThat(port.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(port.get("binding_host_id").asText()).startsWith("site1-compute-");
            assertThat(port.get("binding_vif_type").asText()).isEqualTo("ovs");
            assertThat(port.get("fixed_ips").toString()).contains("10.0.0.");

            JsonNode agents = site1(cli, "cascadia-admin", "network", "agent", "list", "-f", "json");
            List<String> hosts = new ArrayList<>();
            agents.forEach(agent -> {
                if (agent.get("Agent Type").asText().equals("Open vSwitch agent")) {
                    hosts.add(agent.get("Host").asText());
                    assertThat(agent.get("Alive").asBoolean()).isTrue();
                }
            });
            assertThat(hosts).containsExactlyInAnyOrder("site1-compute-1", "site1-compute-2");

            JsonNode inSiteTwo = cli.run("cascadia", "--os-region-name", "site2", "server", "list", "-f", "json")
                    .assertSucceeded().json();
            assertThat(inSiteTwo).as("site2 is another cloud").isEmpty();
        }
    }

    private static JsonNode site1(OpenstackCli cli, String cloud, String... args) {
        List<String> all = new ArrayList<>(List.of("--os-region-name", "site1"));
        all.addAll(List.of(args));
        return cli.run(cloud, all.toArray(String[]::new)).assertSucceeded().json();
    }
}
