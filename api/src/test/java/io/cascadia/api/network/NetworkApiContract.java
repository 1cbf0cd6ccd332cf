package io.cascadia.api.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.api.Caller;
import io.cascadia.api.TopApiServer;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.WireClient.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Neutron at the top as clients see it over HTTP: central IPAM, routers, security groups, floating IPs, tags,
 * lists, quotas and isolation between projects. Runs against each database engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NetworkApiContract {
    private TopApiServer server;
    private Caller alice;
    private Caller bob;
    private Caller admin;

    abstract DatabaseConfig newDatabase();

    @BeforeAll
    void start() {
        server = new TopApiServer(newDatabase());
        alice = new Caller(server.client(), server.token("alice", "alpha"));
        bob = new Caller(server.client(), server.token("bob", "beta"));
        admin = new Caller(server.client(), server.token("admin", "admin"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String create(Caller caller, String collection, String key, String body) {
        Answer answer = caller.post("/networking/v2.0/" + collection, "{\"" + key + "\": " + body + "}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json().get(key).get("id").asText();
    }

    private String network(Caller caller, String name) {
        return create(caller, "networks", "network", "{\"name\": \"" + name + "\"}");
    }

    private String subnet(Caller caller, String network, String cidr) {
        return create(caller, "subnets", "subnet", """
                {"network_id": "%s", "cidr": "%s", "ip_version": 4}""".formatted(network, cidr));
    }

    private static void assertNeutronError(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().at("/NeutronError/type").asText()).isEqualTo(type);
        assertThat(answer.json().at("/NeutronError/message").asText()).isNotBlank();
        assertThat(answer.json().at("/NeutronError").has("detail")).isTrue();
    }

    @Test
    void theVersionDocumentPointsAtCascadia() {
        Answer versions = server.client().get("/networking", java.util.Map.of());
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.json().at("/versions/0/id").asText()).isEqualTo("v2.0");
        assertThat(versions.json().at("/versions/0/links/0/href").asText()).isEqualTo(server.url() + "/networking/v2.0/");
    }

    @Test
    void portsGetAddressesAndMacsFromCentralIpamAndReleaseThemOnDelete() {
        String net = network(alice, "ipam");
        String sub = subnet(alice, net, "10.1.0.0/29");
        Answer subnet = alice.get("/networking/v2.0/subnets/" + sub);
        assertThat(subnet.json().at("/subnet/gateway_ip").asText()).isEqualTo("10.1.0.1");
        assertThat(subnet.json().at("/subnet/allocation_pools").toString()).isEqualTo("[{\"start\":\"10.1.0.2\",\"end\":\"10.1.0.6\"}]");

        Answer first = alice.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}");
        assertThat(first.status()).isEqualTo(201);
        JsonNode port = first.json().get("port");
        assertThat(port.at("/fixed_ips/0/ip_address").asText()).isEqualTo("10.1.0.2");
        assertThat(port.at("/fixed_ips/0/subnet_id").asText()).isEqualTo(sub);
        assertThat(port.get("mac_address").asText()).matches("fa:16:3e(:[0-9a-f]{2}){3}");
        assertThat(port.get("status").asText()).isEqualTo("DOWN");
        assertThat(port.get("security_groups")).hasSize(1);

        Answer named = alice.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "fixed_ips": [{"ip_address": "10.1.0.5"}], "mac_address": "FA:16:3E:00:00:01"}}"""
                .formatted(net));
        assertThat(named.status()).isEqualTo(201);
        assertThat(named.json().at("/port/fixed_ips/0/ip_address").asText()).isEqualTo("10.1.0.5");
        assertThat(named.json().at("/port/mac_address").asText()).isEqualTo("fa:16:3e:00:00:01");

        assertNeutronError(alice.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "fixed_ips": [{"ip_address": "10.1.0.5"}]}}""".formatted(net)),
                409, "IpAddressAlreadyAllocated");
        assertNeutronError(alice.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "mac_address": "fa:16:3e:00:00:01"}}""".formatted(net)), 409, "MacAddressInUse");
        assertNeutronError(alice.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "fixed_ips": [{"ip_address": "10.9.9.9"}]}}""".formatted(net)),
                400, "HTTPBadRequest");
        assertNeutronError(alice.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "mac_address": "not-a-mac"}}""".formatted(net)), 400, "HTTPBadRequest");

        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Answer more = alice.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}");
            assertThat(more.status()).isEqualTo(201);
            ips.add(more.json().at("/port/fixed_ips/0/ip_address").asText());
        }
        assertThat(ips).containsExactly("10.1.0.3", "10.1.0.4", "10.1.0.6");
        assertNeutronError(alice.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}"),
                409, "IpAddressGenerationFailure");

        assertThat(alice.delete("/networking/v2.0/ports/" + port.get("id").asText()).status()).isEqualTo(204);
        Answer reused = alice.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}");
        assertThat(reused.json().at("/port/fixed_ips/0/ip_address").asText()).isEqualTo("10.1.0.2");

        assertNeutronError(alice.delete("/networking/v2.0/subnets/" + sub), 409, "SubnetInUse");
        assertNeutronError(alice.delete("/networking/v2.0/networks/" + net), 409, "NetworkInUse");
    }

    @Test
    void concurrentPortCreatesOnOneNetworkAllGetDistinctAddresses() throws Exception {
        String net = network(alice, "busy");
        subnet(alice, net, "10.8.0.0/24");
        List<java.util.concurrent.Future<Answer>> answers = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                answers.add(threads.submit(() -> alice.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}")));
            }
        }
        java.util.Set<String> ips = new java.util.HashSet<>();
        for (var future : answers) {
            Answer answer = future.get();
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            ips.add(answer.json().at("/port/fixed_ips/0/ip_address").asText());
        }
        assertThat(ips).hasSize(16);
    }

    @Test
    void subnetsOfOneNetworkMayNotOverlapAndTheirPoolsAreChecked() {
        String net = network(alice, "overlap");
        subnet(alice, net, "10.2.0.0/24");
        assertNeutronError(alice.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "10.2.0.128/25", "ip_version": 4}}""".formatted(net)), 400, "InvalidInput");
        assertNeutronError(alice.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "10.3.0.5/24", "ip_version": 4}}""".formatted(net)), 400, "HTTPBadRequest");
        assertNeutronError(alice.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "10.3.0.0/24", "ip_version": 4,
                 "allocation_pools": [{"start": "10.3.0.1", "end": "10.3.0.20"}]}}""".formatted(net)),
                409, "GatewayConflictWithAllocationPools");
        assertNeutronError(alice.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "10.3.0.0/24", "ip_version": 4,
                 "allocation_pools": [{"start": "10.3.1.1", "end": "10.3.1.20"}]}}""".formatted(net)), 400, "HTTPBadRequest");

        Answer custom = alice.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "10.3.0.0/24", "ip_version": 4, "gateway_ip": "10.3.0.254",
                 "dns_nameservers": ["8.8.8.8"], "host_routes": [{"destination": "10.9.0.0/16", "nexthop": "10.3.0.9"}]}}"""
                .formatted(net));
        assertThat(custom.status()).as(custom.text()).isEqualTo(201);
        JsonNode subnet = custom.json().get("subnet");
        assertThat(subnet.get("allocation_pools").toString()).isEqualTo("[{\"start\":\"10.3.0.1\",\"end\":\"10.3.0.253\"}]");
        assertThat(subnet.get("dns_nameservers").toString()).isEqualTo("[\"8.8.8.8\"]");
        assertThat(subnet.at("/host_routes/0/nexthop").asText()).isEqualTo("10.3.0.9");

        Answer v6 = alice.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "cidr": "fd00:1::/64", "ip_version": 6}}""".formatted(net));
        assertThat(v6.status()).as(v6.text()).isEqualTo(201);
        assertThat(v6.json().at("/subnet/gateway_ip").asText()).isEqualTo("fd00:1::1");
    }

    @Test
    void anotherProjectCannotSeeOrTouchANetworkAndGetsNotFound() {
        String net = network(alice, "private-net");
        String sub = subnet(alice, net, "10.4.0.0/24");
        assertNeutronError(bob.get("/networking/v2.0/networks/" + net), 404, "NetworkNotFound");
        assertNeutronError(bob.get("/networking/v2.0/subnets/" + sub), 404, "SubnetNotFound");
        assertNeutronError(bob.delete("/networking/v2.0/networks/" + net), 404, "NetworkNotFound");
        assertNeutronError(bob.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}"), 404, "NetworkNotFound");
        assertThat(bob.get("/networking/v2.0/networks").json().get("networks").toString()).doesNotContain(net);
        assertThat(admin.get("/networking/v2.0/networks/" + net).status()).isEqualTo(200);
        assertNeutronError(bob.post("/networking/v2.0/networks", """
                {"network": {"name": "x", "project_id": "%s"}}""".formatted(server.alpha.id())), 400, "HTTPBadRequest");
    }

    @Test
    void sharedAndExternalNetworksNeedAnAdministratorAndAreVisibleToAll() {
        assertNeutronError(alice.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"s\", \"shared\": true}}"),
                403, "PolicyNotAuthorized");
        String shared = create(admin, "networks", "network", "{\"name\": \"shared\", \"shared\": true}");
        subnet(admin, shared, "10.5.0.0/24");
        assertThat(bob.get("/networking/v2.0/networks/" + shared).status()).isEqualTo(200);
        Answer port = bob.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + shared + "\"}}");
        assertThat(port.status()).isEqualTo(201);
        assertNeutronError(bob.put("/networking/v2.0/networks/" + shared, "{\"network\": {\"name\": \"mine\"}}"),
                403, "PolicyNotAuthorized");
    }

    @Test
    void routersTakeSubnetInterfacesStaticRoutesAndAnExternalGateway() {
        String net = network(alice, "routed");
        String sub = subnet(alice, net, "10.6.0.0/24");
        String external = create(admin, "networks", "network", "{\"name\": \"ext-r\", \"router:external\": true}");
        subnet(admin, external, "172.30.0.0/24");
        String router = create(alice, "routers", "router", "{\"name\": \"r\"}");
        assertThat(alice.get("/networking/v2.0/routers/" + router).json().at("/router/distributed").asBoolean()).isFalse();
        assertNeutronError(alice.post("/networking/v2.0/routers", "{\"router\": {\"distributed\": true}}"), 403, "PolicyNotAuthorized");

        Answer added = alice.put("/networking/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\": \"" + sub + "\"}");
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.json().get("subnet_id").asText()).isEqualTo(sub);
        String interfacePort = added.json().get("port_id").asText();
        assertThat(alice.get("/networking/v2.0/ports/" + interfacePort).json().at("/port/fixed_ips/0/ip_address").asText())
                .isEqualTo("10.6.0.1");
        assertNeutronError(alice.put("/networking/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\": \"" + sub + "\"}"),
                400, "HTTPBadRequest");
        assertNeutronError(alice.delete("/networking/v2.0/ports/" + interfacePort), 409, "L3PortInUse");

        assertNeutronError(alice.put("/networking/v2.0/routers/" + router, """
                {"router": {"routes": [{"destination": "192.168.0.0/24", "nexthop": "10.99.0.1"}]}}"""), 400, "HTTPBadRequest");
        Answer routes = alice.put("/networking/v2.0/routers/" + router, """
                {"router": {"routes": [{"destination": "192.168.0.0/24", "nexthop": "10.6.0.5"}]}}""");
        assertThat(routes.status()).isEqualTo(200);
        assertThat(routes.json().at("/router/routes/0/nexthop").asText()).isEqualTo("10.6.0.5");
        assertThat(routes.json().at("/router/revision_number").asLong()).isEqualTo(2);
        Answer more = alice.put("/networking/v2.0/routers/" + router + "/add_extraroutes", """
                {"router": {"routes": [{"destination": "192.168.1.0/24", "nexthop": "10.6.0.6"}]}}""");
        assertThat(more.json().at("/router/routes")).hasSize(2);

        Answer gateway = alice.put("/networking/v2.0/routers/" + router, """
                {"router": {"external_gateway_info": {"network_id": "%s"}}}""".formatted(external));
        assertThat(gateway.status()).as(gateway.text()).isEqualTo(200);
        assertThat(gateway.json().at("/router/external_gateway_info/external_fixed_ips/0/ip_address").asText()).isEqualTo("172.30.0.2");

        assertNeutronError(alice.put("/networking/v2.0/routers/" + router + "/remove_router_interface", "{\"subnet_id\": \"" + sub + "\"}"),
                409, "RouterInterfaceInUseByRoute");
        alice.put("/networking/v2.0/routers/" + router + "/remove_extraroutes", """
                {"router": {"routes": [{"destination": "192.168.0.0/24", "nexthop": "10.6.0.5"},
                 {"destination": "192.168.1.0/24", "nexthop": "10.6.0.6"}]}}""");
        assertNeutronError(alice.delete("/networking/v2.0/routers/" + router), 409, "RouterInUse");
        assertThat(alice.put("/networking/v2.0/routers/" + router + "/remove_router_interface", "{\"subnet_id\": \"" + sub + "\"}")
                .status()).isEqualTo(200);
        assertThat(alice.delete("/networking/v2.0/routers/" + router).status()).isEqualTo(204);
        assertNeutronError(bob.get("/networking/v2.0/routers/" + router), 404, "RouterNotFound");
    }

    @Test
    void aFloatingIpIsAssociatedWithAPortThroughARouter() {
        String net = network(alice, "fip-net");
        String sub = subnet(alice, net, "10.7.0.0/24");
        String external = create(admin, "networks", "network", "{\"name\": \"ext-f\", \"router:external\": true}");
        subnet(admin, external, "172.31.0.0/24");
        String port = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\"}");
        String fip = create(alice, "floatingips", "floatingip", "{\"floating_network_id\": \"" + external + "\"}");
        assertNeutronError(alice.put("/networking/v2.0/floatingips/" + fip, "{\"floatingip\": {\"port_id\": \"" + port + "\"}}"),
                404, "ExternalGatewayForFloatingIPNotFound");
        String router = create(alice, "routers", "router", """
                {"name": "fr", "external_gateway_info": {"network_id": "%s"}}""".formatted(external));
        alice.put("/networking/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\": \"" + sub + "\"}");
        Answer associated = alice.put("/networking/v2.0/floatingips/" + fip, "{\"floatingip\": {\"port_id\": \"" + port + "\"}}");
        assertThat(associated.status()).as(associated.text()).isEqualTo(200);
        assertThat(associated.json().at("/floatingip/fixed_ip_address").asText()).isEqualTo("10.7.0.2");
        assertThat(associated.json().at("/floatingip/router_id").asText()).isEqualTo(router);
        assertThat(associated.json().at("/floatingip/floating_ip_address").asText()).startsWith("172.31.0.");
        assertNeutronError(bob.get("/networking/v2.0/floatingips/" + fip), 404, "FloatingIPNotFound");
        assertNeutronError(alice.post("/networking/v2.0/floatingips", "{\"floatingip\": {\"floating_network_id\": \"" + net + "\"}}"),
                400, "HTTPBadRequest");
        assertThat(alice.delete("/networking/v2.0/ports/" + port).status()).isEqualTo(204);
        assertThat(alice.get("/networking/v2.0/floatingips/" + fip).json().at("/floatingip/port_id").isNull()).isTrue();
        assertThat(alice.delete("/networking/v2.0/floatingips/" + fip).status()).isEqualTo(204);
    }

    @Test
    void eachProjectGetsADefaultSecurityGroupAndRulesAreValidated() {
        JsonNode groups = bob.get("/networking/v2.0/security-groups?name=default").json().get("security_groups");
        assertThat(groups).hasSize(1);
        JsonNode defaultGroup = groups.get(0);
        assertThat(defaultGroup.get("security_group_rules")).hasSize(4);
        assertThat(defaultGroup.get("security_group_rules").toString()).contains("\"remote_group_id\":\"" + defaultGroup.get("id").asText());
        assertThat(bob.get("/networking/v2.0/security-groups?name=default").json().get("security_groups")).hasSize(1);
        assertNeutronError(bob.delete("/networking/v2.0/security-groups/" + defaultGroup.get("id").asText()),
                409, "SecurityGroupCannotRemoveDefault");

        String group = create(bob, "security-groups", "security_group", "{\"name\": \"web\"}");
        Answer rule = bob.post("/networking/v2.0/security-group-rules", """
                {"security_group_rule": {"security_group_id": "%s", "direction": "ingress", "protocol": "tcp",
                 "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "10.0.0.7/8"}}""".formatted(group));
        assertThat(rule.status()).as(rule.text()).isEqualTo(201);
        assertThat(rule.json().at("/security_group_rule/remote_ip_prefix").asText()).isEqualTo("10.0.0.0/8");
        assertNeutronError(bob.post("/networking/v2.0/security-group-rules", """
                {"security_group_rule": {"security_group_id": "%s", "direction": "ingress", "protocol": "tcp",
                 "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "10.0.0.0/8"}}""".formatted(group)),
                409, "SecurityGroupRuleExists");
        assertNeutronError(bob.post("/networking/v2.0/security-group-rules", """
                {"security_group_rule": {"security_group_id": "%s", "direction": "sideways"}}""".formatted(group)),
                400, "HTTPBadRequest");
        assertNeutronError(bob.post("/networking/v2.0/security-group-rules", """
                {"security_group_rule": {"security_group_id": "%s", "direction": "ingress", "protocol": "tcp",
                 "port_range_min": 90, "port_range_max": 80}}""".formatted(group)), 400, "HTTPBadRequest");
        assertNeutronError(alice.get("/networking/v2.0/security-groups/" + group), 404, "SecurityGroupNotFound");
        assertNeutronError(alice.post("/networking/v2.0/security-group-rules", """
                {"security_group_rule": {"security_group_id": "%s", "direction": "ingress"}}""".formatted(group)),
                404, "SecurityGroupNotFound");
    }

    @Test
    void listsFilterSortPageAndReturnOnlyTheAskedFields() {
        for (String name : List.of("list-c", "list-a", "list-b")) {
            network(bob, name);
        }
        Answer sorted = bob.get("/networking/v2.0/networks?sort_key=name&sort_dir=desc&fields=name&fields=id");
        JsonNode networks = sorted.json().get("networks");
        List<String> names = new ArrayList<>();
        networks.forEach(n -> names.add(n.get("name").asText()));
        assertThat(names).containsSubsequence("list-c", "list-b", "list-a");
        assertThat(networks.get(0).size()).isEqualTo(2);

        Answer filtered = bob.get("/networking/v2.0/networks?name=list-a&name=list-b");
        assertThat(filtered.json().get("networks")).hasSize(2);

        Answer page = bob.get("/networking/v2.0/networks?sort_key=name&limit=1&name=list-a&name=list-b&name=list-c");
        assertThat(page.json().get("networks")).hasSize(1);
        String next = page.json().at("/networks_links/0/href").asText();
        assertThat(next).contains("marker=");
        Answer second = bob.get(next.substring(server.url().length()));
        assertThat(second.json().at("/networks/0/name").asText()).isEqualTo("list-b");

        assertNeutronError(bob.get("/networking/v2.0/networks?bogus=1"), 400, "HTTPBadRequest");
        assertNeutronError(bob.get("/networking/v2.0/networks?admin_state_up=maybe"), 400, "HTTPBadRequest");
    }

    @Test
    void tagsCanBeSetOnResourcesAndFilteredOn() {
        String net = network(bob, "tagged");
        assertThat(bob.put("/networking/v2.0/networks/" + net + "/tags/blue", null).status()).isEqualTo(201);
        Answer replaced = bob.put("/networking/v2.0/networks/" + net + "/tags", "{\"tags\": [\"red\", \"green\"]}");
        assertThat(replaced.json().get("tags").toString()).isEqualTo("[\"green\",\"red\"]");
        assertThat(bob.get("/networking/v2.0/networks?tags=red,green").json().get("networks")).hasSize(1);
        assertThat(bob.get("/networking/v2.0/networks?tags=red,blue").json().get("networks")).isEmpty();
        assertThat(bob.get("/networking/v2.0/networks?not-tags-any=red").json().get("networks").toString()).doesNotContain(net);
        assertThat(bob.get("/networking/v2.0/networks/" + net + "/tags/red").status()).isEqualTo(204);
        assertNeutronError(bob.get("/networking/v2.0/networks/" + net + "/tags/blue"), 404, "TagNotFound");
        assertNeutronError(alice.put("/networking/v2.0/networks/" + net + "/tags/x", null), 404, "NetworkNotFound");
    }

    @Test
    void addingOneTagKeepsTheLimitsOfReplacingThemAll() {
        String net = network(bob, "full-of-tags");
        List<String> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add("\"t" + i + "\"");
        }
        assertThat(bob.put("/networking/v2.0/networks/" + net + "/tags", "{\"tags\": " + fifty + "}").status()).isEqualTo(200);
        assertNeutronError(bob.put("/networking/v2.0/networks/" + net + "/tags/one-more", null), 400, "HTTPBadRequest");
        assertThat(bob.put("/networking/v2.0/networks/" + net + "/tags/t7", null).status()).as("already there").isEqualTo(201);
        assertThat(bob.get("/networking/v2.0/networks/" + net + "/tags").json().get("tags")).hasSize(50);
        assertNeutronError(bob.put("/networking/v2.0/networks/" + net + "/tags/" + "x".repeat(256), null), 400, "HTTPBadRequest");
        assertThat(bob.delete("/networking/v2.0/networks/" + net + "/tags/t0").status()).isEqualTo(204);
        assertThat(bob.put("/networking/v2.0/networks/" + net + "/tags/" + "x".repeat(255), null).status()).isEqualTo(201);
        assertThat(bob.get("/networking/v2.0/networks/" + net + "/tags").json().get("tags")).hasSize(50);
    }

    @Test
    void updatesRaiseTheRevisionNumber() {
        String net = network(bob, "rev");
        Answer updated = bob.put("/networking/v2.0/networks/" + net, "{\"network\": {\"name\": \"rev2\"}}");
        assertThat(updated.json().at("/network/revision_number").asLong()).isEqualTo(2);
        assertNeutronError(bob.put("/networking/v2.0/networks/" + net, "{\"network\": {\"id\": \"x\"}}"), 400, "HTTPBadRequest");
    }

    @Test
    void quotasLimitCreatesAndOnlyAdministratorsChangeThem() {
        assertNeutronError(bob.put("/networking/v2.0/quotas/" + server.beta.id(), "{\"quota\": {\"router\": 1}}"),
                403, "PolicyNotAuthorized");
        Answer set = admin.put("/networking/v2.0/quotas/" + server.beta.id(), "{\"quota\": {\"router\": 1}}");
        assertThat(set.json().at("/quota/router").asInt()).isEqualTo(1);
        assertThat(bob.get("/networking/v2.0/quotas/" + server.beta.id()).json().at("/quota/router").asInt()).isEqualTo(1);
        create(bob, "routers", "router", "{\"name\": \"only\"}");
        assertNeutronError(bob.post("/networking/v2.0/routers", "{\"router\": {\"name\": \"second\"}}"), 409, "OverQuota");
        assertThat(bob.get("/networking/v2.0/quotas/" + server.beta.id() + "/details").json().at("/quota/router/used").asInt())
                .isEqualTo(1);
        assertNeutronError(bob.get("/networking/v2.0/quotas/" + server.alpha.id()), 403, "PolicyNotAuthorized");
        admin.delete("/networking/v2.0/quotas/" + server.beta.id());
    }

    @Test
    void extensionsAndAvailabilityZonesAreListed() {
        JsonNode extensions = alice.get("/networking/v2.0/extensions").json().get("extensions");
        assertThat(extensions.toString()).contains("\"alias\":\"router\"", "\"alias\":\"extraroute-atomic\"", "\"alias\":\"dvr\"");
        assertThat(alice.get("/networking/v2.0/extensions/security-group").status()).isEqualTo(200);
        assertNeutronError(alice.get("/networking/v2.0/extensions/nope"), 404, "HTTPNotFound");
        server.addSite("net-site", "net-az");
        JsonNode zones = alice.get("/networking/v2.0/availability_zones").json().get("availability_zones");
        assertThat(zones.toString()).contains("{\"name\":\"net-az\",\"resource\":\"network\",\"state\":\"available\"}");
    }
}
