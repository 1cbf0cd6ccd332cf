package io.cascadia.app;

import static io.cascadia.app.CrossSiteCloud.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.emulator.network.L2PopulationTable;
import io.cascadia.testkit.WireClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's control plane: servers on one network in two sites are announced to each other as remote ports, so each
 * site's own l2 population gives its agents the other site's MACs behind the other site's VTEPs; remote ports follow
 * their port when it goes down, moves or is deleted.
 */
class RemotePortsAcrossSitesTest {
    @TempDir
    Path dataDir;

    private CrossSiteCloud cloud;
    private String network;

    @BeforeEach
    void start() throws Exception {
        cloud = CrossSiteCloud.start(dataDir, List.of(2, 2), null);
        network = cloud.network("net1", "10.0.0.0/24");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void eachSiteHoldsTheOtherSitesServerAsARemotePortWithItsMacIpAndVtep() {
        JsonNode vm1 = cloud.server("vm1", network, "az1");
        JsonNode vm2 = cloud.server("vm2", network, "az2");
        JsonNode port1 = cloud.portOf(vm1.path("id").asText());
        JsonNode port2 = cloud.portOf(vm2.path("id").asText());
        String host1 = cloud.hostOf(vm1.path("id").asText());
        String host2 = cloud.hostOf(vm2.path("id").asText());

        JsonNode remote2 = awaitRemotePort("site1", port2);
        assertThat(remote2.path("fixed_ips").get(0).path("ip_address").asText()).isEqualTo(ip(port2));
        assertThat(remote2.path("binding:host_id").asText()).isEqualTo(host2);
        assertThat(remote2.path("binding:profile").path("tunnel_ip").asText()).isEqualTo(cloud.vtepOf(host2));
        assertThat(remote2.path("binding:profile").path("region").asText()).isEqualTo("site2");
        assertThat(remote2.path("name").asText()).isEqualTo("@" + port2.path("id").asText());
        JsonNode remote1 = awaitRemotePort("site2", port1);
        assertThat(remote1.path("binding:profile").path("tunnel_ip").asText()).isEqualTo(cloud.vtepOf(host1));

        assertThat(awaitEntry("site1", host1, port2)).isEqualTo(new L2PopulationTable.Entry(remote2.path("id").asText(),
                mac(port2), ip(port2), cloud.vtepOf(host2)));
        assertThat(awaitEntry("site2", host2, port1).vtep()).isEqualTo(cloud.vtepOf(host1));

        List<Integer> vnis = List.of("site1", "site2").stream()
                .map(region -> cloud.inSite(region, "networks").getFirst().path("provider:segmentation_id").asInt())
                .toList();
        assertThat(vnis.get(0)).as("one VNI for the network in every site").isEqualTo(vnis.get(1)).isGreaterThanOrEqualTo(1_000_000);
        assertThat(cloud.admin.get("/cascadia/v1/routings?top_id=" + port2.path("id").asText()).path("routings").toString())
                .contains("remote_port", "site1");
    }

    @Test
    void deletingAServerRemovesItsRemotePortsAndFdbEntriesEverywhereAndTheNetworkCopyOnlyRemotePortsHeld() {
        JsonNode vm1 = cloud.server("vm1", network, "az1");
        JsonNode vm2 = cloud.server("vm2", network, "az2");
        JsonNode port2 = cloud.portOf(vm2.path("id").asText());
        String host1 = cloud.hostOf(vm1.path("id").asText());
        awaitRemotePort("site1", port2);
        awaitEntry("site1", host1, port2);

        cloud.deleteServer(vm2.path("id").asText());

        await("vm2's remote port gone from site1", () -> remotePorts("site1").isEmpty() ? true : null);
        assertThat(entry("site1", host1, port2)).isEmpty();
        await("site2 without a copy of the network", () -> cloud.inSite("site2", "networks").isEmpty() ? true : null);
        assertThat(cloud.inSite("site2", "ports")).as("vm1's remote port left with the network copy").isEmpty();
        for (String type : List.of("network", "subnet", "port", "remote_port")) {
            assertThat(cloud.admin.get("/cascadia/v1/routings?region=site2&resource_type=" + type).path("routings")).isEmpty();
        }
        assertThat(cloud.admin.get("/cascadia/v1/routings?region=site1&resource_type=remote_port").path("routings")).isEmpty();
    }

    @Test
    void aPortThatGoesDownLeavesTheOtherSiteAndComesBackWhenItIsUpAgain() {
        JsonNode vm1 = cloud.server("vm1", network, "az1");
        cloud.server("vm2", network, "az2");
        JsonNode port1 = cloud.portOf(vm1.path("id").asText());
        String bottomPort1 = bottomPortId("site1", port1);
        awaitRemotePort("site2", port1);

        cloud.site("site1").network().ports().setDeviceUp(bottomPort1, false);
        await("vm1's remote port gone from site2", () -> remotePorts("site2").isEmpty() ? true : null);

        cloud.site("site1").network().ports().setDeviceUp(bottomPort1, true);
        awaitRemotePort("site2", port1);
    }

    @Test
    void aPortThatMovesToAnotherHostIsRepointedInTheOtherSite() {
        JsonNode vm1 = cloud.server("vm1", network, "az1");
        cloud.server("vm2", network, "az2");
        JsonNode port1 = cloud.portOf(vm1.path("id").asText());
        String host1 = cloud.hostOf(vm1.path("id").asText());
        String otherHost = host1.equals("site1-compute-1") ? "site1-compute-2" : "site1-compute-1";
        awaitRemotePort("site2", port1);

        WireClient.Answer moved = new WireClient(cloud.site("site1").url()).send("PUT",
                "/networking/v2.0/ports/" + bottomPortId("site1", port1), Map.of("X-Auth-Token", cloud.admin.token()),
                "{\"port\": {\"binding:host_id\": \"" + otherHost + "\"}}");
        assertThat(moved.status()).isEqualTo(200);

        await("vm1's remote port re-pointed at " + otherHost, () -> {
            JsonNode remote = awaitRemotePort("site2", port1);
            return remote.path("binding:profile").path("tunnel_ip").asText().equals(cloud.vtepOf(otherHost)) ? true : null;
        });
        assertThat(remotePorts("site2")).hasSize(1);
    }

    private List<JsonNode> remotePorts(String region) {
        return cloud.inSite(region, "ports?device_owner=compute:shadow");
    }

    private JsonNode awaitRemotePort(String region, JsonNode topPort) {
        return await("remote port of " + mac(topPort) + " in " + region, () -> remotePorts(region).stream()
                .filter(p -> p.path("mac_address").asText().equals(mac(topPort)) && "ACTIVE".equals(p.path("status").asText()))
                .findFirst().orElse(null));
    }

    private L2PopulationTable.Entry awaitEntry(String region, String host, JsonNode topPort) {
        return await("fdb entry of " + mac(topPort) + " on " + host, () -> entry(region, host, topPort).orElse(null));
    }

    private Optional<L2PopulationTable.Entry> entry(String region, String host, JsonNode topPort) {
        return cloud.site(region).l2Population().forAgent(host).orElseThrow().networks().stream()
                .flatMap(n -> n.entries().stream())
                .filter(e -> e.macAddress().equals(mac(topPort)))
                .findFirst();
    }

    private String bottomPortId(String region, JsonNode topPort) {
        return cloud.inSite(region, "ports?mac_address=" + mac(topPort)).stream()
                .filter(p -> !"compute:shadow".equals(p.path("device_owner").asText()))
                .findFirst().orElseThrow().path("id").asText();
    }

    private static String mac(JsonNode port) {
        return port.path("mac_address").asText();
    }

    private static String ip(JsonNode port) {
        return port.path("fixed_ips").get(0).path("ip_address").asText();
    }
}
