package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.OpenstackCli;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's "done when", with the unmodified openstack CLI against the demo: a server created at the top in az2 is
 * ACTIVE, its copy in site2 is {@code name@<top id>} with the same IP and MAC, and stop, start and delete propagate.
 */
class ServersAcrossSitesWithOpenstackCliTest {
    @TempDir
    Path dataDir;

    @Test
    void aServerCreatedAtTheTopLivesInSiteTwoWithTheSameAddressAndFollowsTheTop() throws Exception {
        try (Demo demo = Demo.start(dataDir, 0)) {
            OpenstackCli cli = new OpenstackCli(demo.cloudsYaml());
            cli.run("cascadia", "network", "create", "net1").assertSucceeded();
            cli.run("cascadia", "subnet", "create", "--network", "net1", "--subnet-range", "10.0.0.0/24", "sub1").assertSucceeded();

            JsonNode server = cli.json("cascadia", "server", "create", "--availability-zone", "az2", "--network", "net1",
                    "--flavor", DemoSeed.FLAVOR, "--image", DemoSeed.IMAGE, "--wait", "vm1");
            assertThat(server.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(server.get("OS-EXT-AZ:availability_zone").asText()).isEqualTo("az2");
            String id = server.get("id").asText();
            JsonNode port = cli.json("cascadia", "port", "list", "--server", id).get(0);

            JsonNode copies = cli.json("cascadia-admin", "--os-region-name", "site2", "server", "list", "--all-projects", "--long");
            assertThat(copies).hasSize(1);
            JsonNode copy = copies.get(0);
            assertThat(copy.get("Name").asText()).isEqualTo("vm1@" + id);
            JsonNode bottomPort = cli.json("cascadia-admin", "--os-region-name", "site2", "port", "list", "--server",
                    copy.get("ID").asText()).get(0);
            assertThat(bottomPort.get("MAC Address").asText()).isEqualTo(port.get("MAC Address").asText());
            assertThat(bottomPort.get("Fixed IP Addresses").toString()).contains(port.get("Fixed IP Addresses").get(0).get("ip_address").asText());
            assertThat(cli.json("cascadia-admin", "--os-region-name", "site1", "server", "list", "--all-projects")).isEmpty();

            cli.run("cascadia", "server", "stop", "vm1").assertSucceeded();
            awaitStatus(cli, "vm1", "SHUTOFF");
            assertThat(cli.json("cascadia-admin", "--os-region-name", "site2", "server", "show", copy.get("ID").asText())
                    .get("status").asText()).isEqualTo("SHUTOFF");
            cli.run("cascadia", "server", "start", "vm1").assertSucceeded();
            awaitStatus(cli, "vm1", "ACTIVE");

            cli.run("cascadia", "server", "delete", "--wait", "vm1").assertSucceeded();
            assertThat(cli.json("cascadia-admin", "--os-region-name", "site2", "server", "list", "--all-projects")).isEmpty();
            assertThat(cli.json("cascadia-admin", "--os-region-name", "site2", "network", "list")).isEmpty();
        }
    }


    private static void awaitStatus(OpenstackCli cli, String server, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cli.json("cascadia", "server", "show", server).get("status").asText().equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(server + " never became " + status);
            }
            Thread.sleep(500);
        }
    }
}
