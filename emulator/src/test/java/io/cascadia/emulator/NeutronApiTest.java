package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.WireClient.Answer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Neutron resources as Cascadia's proxies use them: caller-chosen addresses, provider segments, routers, polling. */
class NeutronApiTest {
    private FakeKeystone keystone;
    private EmulatedSite site;
    private SiteClient demo;
    private SiteClient admin;

    @BeforeEach
    void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("neutron", keystone.url()));
        demo = new SiteClient(site.url(), FakeKeystone.DEMO);
        admin = demo.as(FakeKeystone.ADMIN);
    }

    @AfterEach
    void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void aPortGetsTheAddressAndMacTheCallerChoseAndConflictsAreRefused() {
        String network = Sites.network(demo, "net", "10.30.0.0/24");
        JsonNode port = demo.ok(demo.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "name": "copy", "mac_address": "FA:16:3E:12:34:56",
                 "fixed_ips": [{"ip_address": "10.30.0.77"}]}}""".formatted(network)), 201).get("port");
        assertThat(port.get("mac_address").asText()).isEqualTo("fa:16:3e:12:34:56");
        assertThat(port.at("/fixed_ips/0/ip_address").asText()).isEqualTo("10.30.0.77");
        assertThat(port.get("status").asText()).isEqualTo("DOWN");
        assertThat(port.get("revision_number").asInt()).isEqualTo(1);
        assertThat(port.get("security_groups")).hasSize(1);
        assertThat(port.has("binding:host_id")).as("bindings are for administrators").isFalse();

        Answer sameIp = demo.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "fixed_ips": [{"ip_address": "10.30.0.77"}]}}""".formatted(network));
        assertThat(sameIp.status()).isEqualTo(409);
        assertThat(sameIp.json().at("/NeutronError/type").asText()).isEqualTo("IpAddressAlreadyAllocated");
        Answer sameMac = demo.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "mac_address": "fa:16:3e:12:34:56"}}""".formatted(network));
        assertThat(sameMac.status()).isEqualTo(409);
        assertThat(sameMac.json().at("/NeutronError/type").asText()).isEqualTo("MacAddressInUse");
        Answer outside = demo.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "fixed_ips": [{"ip_address": "192.168.0.1"}]}}""".formatted(network));
        assertThat(outside.status()).isEqualTo(400);

        JsonNode found = demo.ok(demo.get("/networking/v2.0/ports?fixed_ips=ip_address%3D10.30.0.77&fields=id&fields=name"), 200);
        assertThat(found.get("ports")).hasSize(1);
        assertThat(found.at("/ports/0").size()).isEqualTo(2);

        assertThat(demo.delete("/networking/v2.0/ports/" + port.get("id").asText()).status()).isEqualTo(204);
        assertThat(demo.post("/networking/v2.0/ports", """
                {"port": {"network_id": "%s", "fixed_ips": [{"ip_address": "10.30.0.77"}]}}""".formatted(network)).status())
                .as("the address is free again").isEqualTo(201);
    }

    @Test
    void aBulkCreateMakesEveryPortOrNone() {
        String network = Sites.network(demo, "bulk", "10.31.0.0/24");
        JsonNode made = demo.ok(demo.post("/networking/v2.0/ports", """
                {"ports": [{"network_id": "%s", "name": "one", "fixed_ips": [{"ip_address": "10.31.0.10"}]},
                           {"network_id": "%s", "name": "two", "fixed_ips": [{"ip_address": "10.31.0.11"}]}]}"""
                .formatted(network, network)), 201).get("ports");
        assertThat(made).hasSize(2);
        assertThat(made.at("/0/name").asText()).isEqualTo("one");
        assertThat(made.at("/1/fixed_ips/0/ip_address").asText()).isEqualTo("10.31.0.11");

        Answer clash = demo.post("/networking/v2.0/ports", """
                {"ports": [{"network_id": "%s", "name": "three", "fixed_ips": [{"ip_address": "10.31.0.12"}]},
                           {"network_id": "%s", "name": "four", "fixed_ips": [{"ip_address": "10.31.0.10"}]}]}"""
                .formatted(network, network));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(demo.ok(demo.get("/networking/v2.0/ports?network_id=" + network), 200).get("ports"))
                .as("the first port of the refused request was taken back").hasSize(2);
        assertThat(demo.post("/networking/v2.0/ports", "{\"ports\": []}").status()).isEqualTo(400);
    }

    @Test
    void anAdministratorChoosesTheVxlanSegmentAndDuplicatesAreRefused() {
        JsonNode network = admin.ok(admin.post("/networking/v2.0/networks", """
                {"network": {"name": "stretched", "segments": [{"provider:network_type": "vxlan",
                 "provider:segmentation_id": 70001}]}}"""), 201).get("network");
        assertThat(network.get("provider:network_type").asText()).isEqualTo("vxlan");
        assertThat(network.get("provider:segmentation_id").asInt()).isEqualTo(70001);
        assertThat(network.get("mtu").asInt()).isEqualTo(1450);

        Answer duplicate = admin.post("/networking/v2.0/networks",
                "{\"network\": {\"provider:network_type\": \"vxlan\", \"provider:segmentation_id\": 70001}}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().at("/NeutronError/type").asText()).isEqualTo("TunnelIdInUse");

        JsonNode segments = admin.ok(admin.get("/networking/v2.0/segments?network_id=" + network.get("id").asText()), 200);
        assertThat(segments.at("/segments/0/segmentation_id").asInt()).isEqualTo(70001);
        assertThat(demo.get("/networking/v2.0/networks/" + network.get("id").asText()).status())
                .as("another project's private network").isEqualTo(404);
    }

    @Test
    void routersTakeInterfacesGatewaysAndRoutesWhoseNextHopIsConnected() {
        String external = admin.ok(admin.post("/networking/v2.0/networks",
                "{\"network\": {\"name\": \"public\", \"router:external\": true}}"), 201).at("/network/id").asText();
        admin.ok(admin.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "ip_version": 4, "cidr": "100.64.0.0/16"}}""".formatted(external)), 201);
        String network = Sites.network(demo, "inside", "10.40.0.0/24");
        String subnet = demo.ok(demo.get("/networking/v2.0/subnets?network_id=" + network), 200).at("/subnets/0/id").asText();

        JsonNode router = demo.ok(demo.post("/networking/v2.0/routers", """
                {"router": {"name": "r", "external_gateway_info": {"network_id": "%s"}}}""".formatted(external)), 201).get("router");
        String routerId = router.get("id").asText();
        assertThat(router.at("/external_gateway_info/external_fixed_ips/0/ip_address").asText()).startsWith("100.64.");

        JsonNode added = demo.ok(demo.put("/networking/v2.0/routers/" + routerId + "/add_router_interface",
                "{\"subnet_id\": \"" + subnet + "\"}"), 200);
        assertThat(added.get("subnet_ids").get(0).asText()).isEqualTo(subnet);
        JsonNode interfacePort = demo.ok(demo.get("/networking/v2.0/ports/" + added.get("port_id").asText()), 200).get("port");
        assertThat(interfacePort.at("/fixed_ips/0/ip_address").asText()).isEqualTo("10.40.0.1");
        assertThat(interfacePort.get("device_owner").asText()).isEqualTo("network:router_interface");
        assertThat(interfacePort.get("status").asText()).isEqualTo("ACTIVE");

        JsonNode routed = demo.ok(demo.put("/networking/v2.0/routers/" + routerId,
                "{\"router\": {\"routes\": [{\"destination\": \"10.50.0.0/24\", \"nexthop\": \"10.40.0.254\"}]}}"), 200);
        assertThat(routed.at("/router/routes/0/nexthop").asText()).isEqualTo("10.40.0.254");
        Answer unreachable = demo.put("/networking/v2.0/routers/" + routerId,
                "{\"router\": {\"routes\": [{\"destination\": \"10.60.0.0/24\", \"nexthop\": \"172.16.0.1\"}]}}");
        assertThat(unreachable.status()).isEqualTo(400);
        assertThat(unreachable.json().at("/NeutronError/type").asText()).isEqualTo("InvalidRoutes");
        JsonNode more = demo.ok(demo.put("/networking/v2.0/routers/" + routerId + "/add_extraroutes",
                "{\"router\": {\"routes\": [{\"destination\": \"10.70.0.0/24\", \"nexthop\": \"10.40.0.253\"}]}}"), 200);
        assertThat(more.at("/router/routes")).hasSize(2);

        assertThat(demo.put("/networking/v2.0/routers/" + routerId + "/remove_router_interface",
                "{\"subnet_id\": \"" + subnet + "\"}").status()).as("routes still need the interface").isEqualTo(409);
        Answer inUse = demo.delete("/networking/v2.0/routers/" + routerId);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().at("/NeutronError/type").asText()).isEqualTo("RouterInUse");
        assertThat(demo.delete("/networking/v2.0/ports/" + added.get("port_id").asText()).status()).isEqualTo(409);
    }

    @Test
    void tagsAndRevisionsAreFilterableButChangedSinceIsRefusedAsNeutronZedRefusesIt() {
        String first = Sites.network(demo, "first", "10.80.0.0/24");
        String second = Sites.network(demo, "second", "10.81.0.0/24");
        assertThat(demo.put("/networking/v2.0/networks/" + second + "/tags/cascadia_top_id=abc", null).status()).isEqualTo(201);

        for (String collection : List.of("networks", "ports", "subnets")) {
            var refused = demo.get("/networking/v2.0/" + collection + "?changed_since=2026-01-01T00:00:00Z");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().at("/NeutronError/type").asText()).isEqualTo("HTTPBadRequest");
            assertThat(refused.json().at("/NeutronError/message").asText()).isEqualTo("['changed_since'] is invalid attribute for filtering");
        }
        JsonNode tagged = demo.ok(demo.get("/networking/v2.0/networks?tags=cascadia_top_id%3Dabc"), 200);
        assertThat(ids(tagged.get("networks"))).containsExactly(second);
        assertThat(tagged.at("/networks/0/revision_number").asInt()).isGreaterThan(1);
        assertThat(ids(demo.ok(demo.get("/networking/v2.0/networks?not-tags=cascadia_top_id%3Dabc"), 200).get("networks")))
                .containsExactly(first);
    }

    @Test
    void portListsPageByIdWithNextLinks() {
        String network = Sites.network(demo, "paged", "10.90.0.0/24");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(demo.ok(demo.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + network + "\"}}"), 201)
                    .at("/port/id").asText());
        }
        List<String> seen = new ArrayList<>();
        String path = "/networking/v2.0/ports?network_id=" + network + "&limit=2";
        while (path != null) {
            JsonNode page = demo.ok(demo.get(path), 200);
            seen.addAll(ids(page.get("ports")));
            path = null;
            for (JsonNode link : page.path("ports_links")) {
                if (link.get("rel").asText().equals("next")) {
                    URI next = URI.create(link.get("href").asText());
                    path = next.getRawPath() + "?" + next.getRawQuery();
                }
            }
        }
        assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
        JsonNode sorted = demo.ok(demo.get("/networking/v2.0/ports?network_id=" + network + "&sort_key=id&sort_dir=desc"), 200);
        assertThat(ids(sorted.get("ports"))).containsExactlyElementsOf(created.stream().sorted().toList().reversed());
    }

    @Test
    void eachProjectGetsADefaultSecurityGroupWithNeutronsRules() {
        JsonNode groups = demo.ok(demo.get("/networking/v2.0/security-groups"), 200).get("security_groups");
        assertThat(groups).hasSize(1);
        assertThat(groups.at("/0/name").asText()).isEqualTo("default");
        assertThat(groups.at("/0/security_group_rules")).hasSize(4);
        String group = groups.at("/0/id").asText();
        JsonNode rule = demo.ok(demo.post("/networking/v2.0/security-group-rules", """
                {"security_group_rule": {"security_group_id": "%s", "direction": "ingress", "protocol": "tcp",
                 "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "0.0.0.0/0"}}""".formatted(group)), 201)
                .get("security_group_rule");
        assertThat(rule.get("port_range_min").asInt()).isEqualTo(22);
        Answer duplicate = demo.post("/networking/v2.0/security-group-rules", """
                {"security_group_rule": {"security_group_id": "%s", "direction": "ingress", "protocol": "tcp",
                 "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "0.0.0.0/0"}}""".formatted(group));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().at("/NeutronError/type").asText()).isEqualTo("SecurityGroupRuleExists");
    }

    @Test
    void agentsAreListedForAdministratorsWithTheirTunnelIps() {
        JsonNode agents = admin.ok(admin.get("/networking/v2.0/agents?agent_type=Open+vSwitch+agent"), 200).get("agents");
        assertThat(agents).hasSize(2);
        assertThat(agents.at("/0/configurations/tunneling_ip").asText()).isEqualTo("100.64.0.1");
        assertThat(agents.at("/0/configurations/l2_population").asBoolean()).isTrue();
        assertThat(agents.at("/0/alive").asBoolean()).isTrue();
        assertThat(demo.ok(demo.get("/networking/v2.0/agents"), 200).get("agents")).isEmpty();
        JsonNode extensions = demo.ok(demo.get("/networking/v2.0/extensions"), 200).get("extensions");
        List<String> aliases = new ArrayList<>();
        extensions.forEach(extension -> aliases.add(extension.get("alias").asText()));
        assertThat(aliases).contains("agent", "binding", "provider", "multi-provider", "router", "extraroute",
                "standard-attr-tag", "standard-attr-revisions", "standard-attr-timestamp", "pagination", "sorting");
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
