package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.testkit.WireClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Creating the resources tests need, through the site's API. */
final class Sites {
    private Sites() {
    }

    /** A network with one IPv4 subnet; returns the network's id. */
    static String network(SiteClient client, String name, String cidr) {
        Answer network = client.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"" + name + "\"}}");
        assertThat(network.status()).as(network.text()).isEqualTo(201);
        String id = network.json().at("/network/id").asText();
        Answer subnet = client.post("/networking/v2.0/subnets", """
                {"subnet": {"network_id": "%s", "ip_version": 4, "cidr": "%s", "name": "%s-subnet"}}"""
                .formatted(id, cidr, name));
        assertThat(subnet.status()).as(subnet.text()).isEqualTo(201);
        return id;
    }

    static String createServer(SiteClient client, EmulatedSite site, String name, String networkId) {
        return createServer(client, site, name, networkId, "1", 1);
    }

    /** Creates {@code count} servers of a flavor on a network; returns the first one's id. */
    static String createServer(SiteClient client, EmulatedSite site, String name, String networkId, String flavor, int count) {
        String body = serverBody(name, site, List.of("{\"uuid\": \"" + networkId + "\"}"), flavor)
                .replace("\"flavorRef\"", "\"max_count\": " + count + ", \"min_count\": " + count + ", \"flavorRef\"");
        Answer answer = client.post("/compute/v2.1/servers", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        return answer.json().at("/server/id").asText();
    }

    static String serverBody(String name, EmulatedSite site, List<String> networks, String flavor) {
        return """
                {"server": {"name": "%s", "imageRef": "%s", "flavorRef": "%s", "networks": [%s]}}"""
                .formatted(name, imageId(site), flavor, String.join(", ", networks));
    }

    static String imageId(EmulatedSite site) {
        return UUID.nameUUIDFromBytes(("image:" + site.region()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
