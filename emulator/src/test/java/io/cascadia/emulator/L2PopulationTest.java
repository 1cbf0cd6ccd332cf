package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.emulator.runtime.Host;
import io.cascadia.testkit.WireClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FDB and ARP responder tables each agent gets from l2 population, read through {@code /emulator}: ports on
 * other hosts, remote ports of cross-site L2 bound to another site's VTEP, and entries leaving as ports go down.
 */
class L2PopulationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeKeystone keystone;
    private EmulatedSite site;
    private SiteClient admin;
    private String networkId;
    private Host first;
    private Host second;

    @BeforeEach
    void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("l2pop", keystone.url())
                .withHosts(3)
                .withTunnelSubnet("100.64.7.0/24")
                .withBuildLatency(Duration.ZERO)
                .withActionLatency(Duration.ZERO));
        admin = new SiteClient(site.url(), FakeKeystone.ADMIN);
        networkId = Sites.network(admin, "stretched", "10.20.0.0/24");
        first = site.hosts().get(0);
        second = site.hosts().get(1);
    }

    @AfterEach
    void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void eachAgentLearnsThePortsOfItsNetworksOnOtherHostsButNotItsOwn() {
        JsonNode a = server("a", first);
        JsonNode b = server("b", second);

        JsonNode onFirst = table(first.agentId());
        assertThat(onFirst.get("tunneling_ip").asText()).isEqualTo("100.64.7.1");
        JsonNode network = onFirst.at("/networks/0");
        assertThat(network.get("network_id").asText()).isEqualTo(networkId);
        assertThat(network.get("network_type").asText()).isEqualTo("vxlan");
        assertThat(network.get("segmentation_id").asInt()).isPositive();
        assertThat(texts(network.get("flood"))).containsExactly("100.64.7.2");
        assertThat(network.get("fdb")).hasSize(1);
        assertThat(network.at("/fdb/0/mac_address").asText()).isEqualTo(mac(b));
        assertThat(network.at("/fdb/0/ip_address").asText()).isEqualTo(ip(b));
        assertThat(network.at("/fdb/0/vtep").asText()).isEqualTo("100.64.7.2");

        JsonNode onSecond = table(second.name());
        assertThat(onSecond.at("/networks/0/fdb/0/mac_address").asText()).isEqualTo(mac(a));
        assertThat(onSecond.at("/networks/0/fdb/0/vtep").asText()).isEqualTo("100.64.7.1");

        JsonNode onThird = table(site.hosts().get(2).agentId());
        assertThat(onThird.get("networks")).as("an agent without ports on the network learns nothing").isEmpty();
    }

    @Test
    void aRemotePortBoundToAnotherSitesVtepAppearsInEveryLocalAgentsTable() {
        server("local", first);
        Answer remote = admin.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "mac_address": "fa:16:3e:aa:bb:cc",
                 "fixed_ips": [{"ip_address": "10.20.0.200"}], "device_owner": "compute:shadow",
                 "binding:host_id": "site2-compute-1",
                 "binding:profile": {"tunnel_ip": "100.64.2.1", "type": "Open vSwitch agent"}}}""".formatted(networkId));
        assertThat(remote.status()).as(remote.text()).isEqualTo(201);
        assertThat(remote.json().at("/port/status").asText()).isEqualTo("ACTIVE");
        assertThat(remote.json().at("/port/binding:vif_type").asText()).isEqualTo("ovs");

        JsonNode network = table(first.agentId()).at("/networks/0");
        assertThat(texts(network.get("flood"))).containsExactly("100.64.2.1");
        assertThat(network.at("/fdb/0/mac_address").asText()).isEqualTo("fa:16:3e:aa:bb:cc");
        assertThat(network.at("/fdb/0/ip_address").asText()).isEqualTo("10.20.0.200");
        assertThat(network.at("/fdb/0/vtep").asText()).isEqualTo("100.64.2.1");
    }

    @Test
    void entriesLeaveWhenPortsAreDeletedUnboundOrTheirServerStops() {
        server("a", first);
        JsonNode b = server("b", second);
        String bId = b.get("id").asText();
        String remoteId = admin.ok(admin.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "binding:host_id": "elsewhere",
                 "binding:profile": {"tunnel_ip": "100.64.9.9"}}}""".formatted(networkId)), 201).at("/port/id").asText();
        assertThat(table(first.agentId()).at("/networks/0/fdb")).hasSize(2);

        admin.post("/compute/v2.1/servers/" + bId + "/action", "{\"os-stop\": null}");
        admin.await("/compute/v2.1/servers/" + bId, body -> body.at("/server/status").asText().equals("SHUTOFF"), WAIT);
        assertThat(vteps(first)).containsExactly("100.64.9.9");

        admin.ok(admin.put("/networking/v2.0/ports/" + remoteId, "{\"port\": {\"binding:host_id\": \"\"}}"), 200);
        assertThat(table(first.agentId()).at("/networks/0/fdb")).isEmpty();

        admin.post("/compute/v2.1/servers/" + bId + "/action", "{\"os-start\": null}");
        admin.await("/compute/v2.1/servers/" + bId, body -> body.at("/server/status").asText().equals("ACTIVE"), WAIT);
        assertThat(vteps(first)).containsExactly("100.64.7.2");

        assertThat(admin.delete("/compute/v2.1/servers/" + bId).status()).isEqualTo(204);
        assertThat(table(first.agentId()).at("/networks/0/fdb")).isEmpty();
    }

    @Test
    void aBindingToAnUnknownHostWithoutATunnelIpFails() {
        JsonNode port = admin.ok(admin.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "binding:host_id": "nowhere"}}""".formatted(networkId)), 201).get("port");
        assertThat(port.get("binding:vif_type").asText()).isEqualTo("binding_failed");
        assertThat(port.get("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void theTableIsForAdministratorsAndUnknownAgentsAreNotFound() {
        Answer member = new SiteClient(site.url(), FakeKeystone.DEMO).get("/emulator/agents/" + first.agentId() + "/l2-population");
        assertThat(member.status()).isEqualTo(403);
        assertThat(admin.get("/emulator/agents/no-such-agent/l2-population").status()).isEqualTo(404);
    }

    @Test
    void aSiteWithoutADataplaneSaysSoWhenAskedForAServersNamespace() {
        String id = server("a", first).get("id").asText();

        Answer answer = admin.get("/emulator/servers/" + id + "/dataplane");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).contains("without a dataplane");
    }

    private JsonNode server(String name, Host host) {
        String body = Sites.serverBody(name, site, List.of("{\"uuid\": \"" + networkId + "\"}"), "1")
                .replace("\"flavorRef\"", "\"availability_zone\": \"nova:" + host.name() + "\", \"flavorRef\"");
        String id = admin.ok(admin.post("/compute/v2.1/servers", body), 202).at("/server/id").asText();
        return admin.await("/compute/v2.1/servers/" + id, s -> s.at("/server/status").asText().equals("ACTIVE"), WAIT).get("server");
    }

    private JsonNode table(String agent) {
        return admin.ok(admin.get("/emulator/agents/" + agent + "/l2-population"), 200).get("l2_population");
    }

    private List<String> vteps(Host host) {
        List<String> vteps = new ArrayList<>();
        table(host.agentId()).at("/networks/0/fdb").forEach(entry -> vteps.add(entry.get("vtep").asText()));
        return vteps;
    }

    private static String mac(JsonNode server) {
        return server.at("/addresses/stretched/0/OS-EXT-IPS-MAC:mac_addr").asText();
    }

    private static String ip(JsonNode server) {
        return server.at("/addresses/stretched/0/addr").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
