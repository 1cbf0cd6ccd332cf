package io.cascadia.app;

import static io.cascadia.app.CrossSiteCloud.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import io.cascadia.dataplane.Commands;
import io.cascadia.dataplane.Dataplane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's proof on the real dataplane (root): two servers on one network, one in {@code az1} and one in
 * {@code az2}, ping each other through {@code ./cascadia server exec}; deleting one takes its fdb and ARP entries out
 * of the other site's kernel; a flapped tunnel device gets its entries back by itself.
 */
class CrossSitePingTest {
    @TempDir
    Path dataDir;

    private CrossSiteCloud cloud;
    private String vm1;
    private String vm2;
    private String ip1;
    private String ip2;
    private String mac2;
    private String host1Namespace;
    private int vni;

    @BeforeEach
    void start() throws Exception {
        Dataplane.unavailableReason().ifPresent(Assumptions::abort);
        cloud = CrossSiteCloud.start(dataDir, List.of(2, 2), "cl2p");
        String network = cloud.network("net1", "10.0.0.0/24");
        vm1 = cloud.server("vm1", network, "az1").path("id").asText();
        vm2 = cloud.server("vm2", network, "az2").path("id").asText();
        ip1 = cloud.portOf(vm1).path("fixed_ips").get(0).path("ip_address").asText();
        JsonNode port2 = cloud.portOf(vm2);
        ip2 = port2.path("fixed_ips").get(0).path("ip_address").asText();
        mac2 = port2.path("mac_address").asText();
        host1Namespace = cloud.site("site1").dataplane().orElseThrow().host(cloud.hostOf(vm1)).orElseThrow().namespace();
        vni = cloud.inSite("site1", "networks").getFirst().path("provider:segmentation_id").asInt();
    }

    @AfterEach
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void serversInTwoSitesPingEachOtherAndDeletingOneTakesItsEntriesOutOfTheOtherSite() throws Exception {
        await("vm1 pings vm2", () -> cascadia("server", "exec", "vm1", "--", "ping", "-c", "1", "-W", "1", ip2).code() == 0 ? true : null);
        Run back = cascadia("server", "exec", "vm2", "--", "ping", "-c", "2", "-W", "2", ip1);
        assertThat(back.code()).as(back.output()).isZero();
        assertThat(back.output()).contains("2 received");

        Run fdb = cascadia("admin", "agent", "fdb", cloud.hostOf(vm1), "--json");
        assertThat(fdb.code()).as(fdb.output()).isZero();
        JsonNode table = Json.read(fdb.output()).path("l2_population");
        assertThat(table.path("region").asText()).isEqualTo("site1");
        assertThat(table.path("networks").get(0).path("fdb").get(0).path("mac_address").asText()).isEqualTo(mac2);
        assertThat(kernelFdb()).contains(mac2);

        cloud.deleteServer(vm2);

        await("vm2's MAC out of vm1's host", () -> kernelFdb().contains(mac2) ? null : true);
        assertThat(Commands.json("ip", host1Namespace, "neigh", "show", "dev", "vx" + vni).toString()).doesNotContain(ip2);
        Run lost = cascadia("server", "exec", "vm1", "--", "ping", "-c", "1", "-W", "1", ip2);
        assertThat(lost.code()).isNotZero();
    }

    @Test
    void aTunnelDeviceThatFlapsGetsItsEntriesBackAndTrafficFlowsAgain() throws Exception {
        await("vm1's host has vm2's ARP entry", () -> neighbours().contains(ip2) ? true : null);

        Commands.batch("ip", host1Namespace, List.of("link set vx" + vni + " down", "link set vx" + vni + " up"));

        await("vm2's ARP entry back on vm1's host", () -> neighbours().contains(ip2) ? true : null);
        Run ping = cascadia("server", "exec", "vm1", "--", "ping", "-c", "1", "-W", "2", ip2);
        assertThat(ping.code()).as(ping.output()).isZero();
    }

    /** The tunnel device's fdb entries that l2 population programs (with a remote VTEP), not what the bridge learned. */
    private String kernelFdb() {
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : Commands.json("bridge", host1Namespace, "fdb", "show", "dev", "vx" + vni)) {
            if (entry.has("dst")) {
                entries.add(entry.path("mac").asText() + " dst " + entry.path("dst").asText());
            }
        }
        return entries.toString();
    }

    private String neighbours() {
        return Commands.json("ip", host1Namespace, "neigh", "show", "dev", "vx" + vni).toString();
    }

    record Run(int code, String output) {
    }

    /** Runs {@code ./cascadia ARGS} as a separate process, as a user would, against the test's demo. */
    private Run cascadia(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("OS_CLIENT_CONFIG_FILE", cloud.demo.cloudsYaml().toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cascadia " + String.join(" ", args) + " did not finish");
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run cascadia " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
