package io.cascadia.bench.toplist;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.io.IOException;

/** What the loaded servers refer to, made through the API: a flavor, an image, and a network with a /8 subnet. */
record BenchFixture(String flavorId, String imageId, String networkId, String subnetId) {
    static BenchFixture create(TopListBench.TopClient client, String adminToken) throws IOException, InterruptedException {
        String flavor = field(client.send("POST", "/compute/v2.1/flavors", adminToken,
                "{\"flavor\": {\"name\": \"bench.small\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}"), "/flavor/id");
        String image = field(client.send("POST", "/image/v2/images", adminToken,
                "{\"name\": \"bench-image\", \"visibility\": \"public\"}"), "/id");
        String network = field(client.send("POST", "/networking/v2.0/networks", null,
                "{\"network\": {\"name\": \"bench-net\"}}"), "/network/id");
        String subnet = field(client.send("POST", "/networking/v2.0/subnets", null,
                "{\"subnet\": {\"network_id\": \"" + network + "\", \"cidr\": \"10.0.0.0/8\", \"ip_version\": 4}}"), "/subnet/id");
        return new BenchFixture(flavor, image, network, subnet);
    }

    private static String field(String body, String pointer) {
        JsonNode node = Json.read(body).at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException("no " + pointer + " in " + body);
        }
        return node.asText();
    }
}
