package io.cascadia.api.fuzz;

import io.cascadia.api.Caller;
import io.cascadia.api.TopApiServer;
import io.cascadia.testkit.WireClient.Answer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real resources of every kind for hostile requests to aim at: the member's own, an administrator's, and a second
 * project's, plus every project's default security group, made before any request is judged.
 */
final class Seed {
    private final TopApiServer server;
    private final Caller alice;
    private final Caller admin;
    private final Caller bob;

    Seed(TopApiServer server, String memberToken, String adminToken) {
        this.server = server;
        this.alice = new Caller(server.client(), memberToken);
        this.admin = new Caller(server.client(), adminToken);
        this.bob = new Caller(server.client(), server.token("bob", "beta"));
    }

    /** Ids by the placeholder they fill in the fuzzed routes. */
    Map<String, List<String>> create() {
        for (Caller caller : List.of(alice, admin, bob)) {
            check(caller.get("/networking/v2.0/security-groups"));
        }
        String external = id(admin.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"ext\", \"router:external\": true}}"), "network");
        id(admin.post("/networking/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + external + "\", \"cidr\": \"172.16.0.0/24\", \"ip_version\": 4}}"), "subnet");
        String network = id(alice.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"n\"}}"), "network");
        String subnet = id(alice.post("/networking/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + network + "\", \"cidr\": \"10.0.0.0/24\", \"ip_version\": 4}}"), "subnet");
        String port = id(alice.post("/networking/v2.0/ports", "{\"port\": {\"network_id\": \"" + network + "\"}}"), "port");
        String router = id(alice.post("/networking/v2.0/routers", "{\"router\": {\"name\": \"r\", \"external_gateway_info\": {\"network_id\": \"" + external + "\"}}}"), "router");
        check(alice.put("/networking/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\": \"" + subnet + "\"}"));
        String group = id(alice.post("/networking/v2.0/security-groups", "{\"security_group\": {\"name\": \"g\"}}"), "security_group");
        String rule = id(alice.post("/networking/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\": \"" + group
                + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22}}"), "security_group_rule");
        String floating = id(alice.post("/networking/v2.0/floatingips", "{\"floatingip\": {\"floating_network_id\": \"" + external
                + "\", \"port_id\": \"" + port + "\"}}"), "floatingip");
        String otherNetwork = id(bob.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"bob\"}}"), "network");
        String flavor = admin.post("/compute/v2.1/flavors", "{\"flavor\": {\"name\": \"f\", \"ram\": 64, \"vcpus\": 1, \"disk\": 0}}")
                .json().at("/flavor/id").asText();
        String image = admin.post("/image/v2/images", "{\"name\": \"img\", \"visibility\": \"public\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .json().get("id").asText();
        check(admin.send("PUT", "/image/v2/images/" + image + "/file", Map.of("Content-Type", "application/octet-stream"), "data"));
        String queued = alice.post("/image/v2/images", "{\"name\": \"queued\"}").json().get("id").asText();
        String server1 = alice.post("/compute/v2.1/servers", "{\"server\": {\"name\": \"s\", \"flavorRef\": \"" + flavor
                + "\", \"imageRef\": \"" + image + "\", \"networks\": [{\"uuid\": \"" + network + "\"}], \"metadata\": {\"k\": \"v\"}}}")
                .json().at("/server/id").asText();
        check(alice.post("/compute/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"kp\"}}"));
        String volume = alice.post("/volume/v3/" + server.alpha.id() + "/volumes", "{\"volume\": {\"size\": 1}}").json().at("/volume/id").asText();
        String type = admin.get("/volume/v3/" + server.alpha.id() + "/types").json().at("/volume_types/0/id").asText();
        Map<String, List<String>> ids = new HashMap<>();
        ids.put("server", List.of(server1));
        ids.put("flavor", List.of(flavor));
        ids.put("keypair", List.of("kp"));
        ids.put("project", List.of(server.alpha.id(), server.beta.id()));
        ids.put("network", List.of(network, external, otherNetwork));
        ids.put("subnet", List.of(subnet));
        ids.put("port", List.of(port));
        ids.put("router", List.of(router));
        ids.put("group", List.of(group));
        ids.put("rule", List.of(rule));
        ids.put("floatingip", List.of(floating));
        ids.put("volume", List.of(volume));
        ids.put("type", List.of(type, "default"));
        ids.put("image", List.of(image, queued));
        ids.put("key", List.of("k", "router", "gold"));
        return ids;
    }

    private static String id(Answer answer, String key) {
        check(answer);
        return answer.json().at("/" + key + "/id").asText();
    }

    private static void check(Answer answer) {
        if (answer.status() >= 300) {
            throw new IllegalStateException("seeding failed: " + answer.status() + " " + answer.text());
        }
    }
}
