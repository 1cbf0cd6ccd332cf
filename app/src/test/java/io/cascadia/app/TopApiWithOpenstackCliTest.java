package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.OpenstackCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's "done when": the unmodified openstack CLI drives Nova, Neutron, Cinder and Glance of the demo like a
 * real cloud, and a user of a second project can neither see nor touch what the first one made.
 */
class TopApiWithOpenstackCliTest {
    @TempDir
    Path dataDir;

    @Test
    void theOpenstackCliBuildsACloudAndASecondProjectCannotSeeOrTouchIt() throws Exception {
        try (Demo demo = Demo.start(dataDir, 0)) {
            Path clouds = withSecondProject(demo);
            OpenstackCli cli = new OpenstackCli(clouds);
            cli.run("cascadia-admin", "project", "create", "other").assertSucceeded();
            cli.run("cascadia-admin", "user", "create", "--project", "other", "--password", "other-pw", "olga").assertSucceeded();
            cli.run("cascadia-admin", "role", "add", "--project", "other", "--user", "olga", "member").assertSucceeded();

            JsonNode network = cli.json("cascadia", "network", "create", "net1");
            JsonNode subnet = cli.json("cascadia", "subnet", "create", "--network", "net1", "--subnet-range", "10.0.0.0/24",
                    "--dns-nameserver", "10.0.0.53", "sub1");
            assertThat(subnet.get("gateway_ip").asText()).isEqualTo("10.0.0.1");
            JsonNode port = cli.json("cascadia", "port", "create", "--network", "net1", "--fixed-ip", "ip-address=10.0.0.10", "port1");
            assertThat(port.toString()).contains("10.0.0.10");
            OpenstackCli.Result duplicate = cli.run("cascadia", "port", "create", "--network", "net1", "--fixed-ip",
                    "ip-address=10.0.0.10", "port2");
            assertThat(duplicate.exitCode()).isNotZero();
            assertThat(duplicate.stderr()).contains("10.0.0.10");

            cli.json("cascadia", "router", "create", "r1");
            cli.run("cascadia", "router", "add", "subnet", "r1", "sub1").assertSucceeded();
            cli.run("cascadia", "router", "set", "r1", "--route", "destination=192.168.0.0/24,gateway=10.0.0.5").assertSucceeded();
            JsonNode router = cli.json("cascadia", "router", "show", "r1");
            assertThat(router.get("routes").toString()).contains("192.168.0.0/24", "10.0.0.5");
            assertThat(router.get("interfaces_info").toString()).contains("10.0.0.1");

            cli.json("cascadia", "security", "group", "create", "web");
            JsonNode rule = cli.json("cascadia", "security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22", "web");
            assertThat(rule.get("port_range_min").asInt()).isEqualTo(22);

            cli.json("cascadia-admin", "network", "create", "--external", "public");
            cli.json("cascadia-admin", "subnet", "create", "--network", "public", "--subnet-range", "172.24.4.0/24", "--no-dhcp",
                    "public-sub");
            cli.run("cascadia", "router", "set", "r1", "--external-gateway", "public").assertSucceeded();
            JsonNode floating = cli.json("cascadia", "floating", "ip", "create", "--port", "port1", "public");
            assertThat(floating.get("fixed_ip_address").asText()).isEqualTo("10.0.0.10");

            cli.json("cascadia-admin", "flavor", "create", "--ram", "512", "--disk", "1", "--vcpus", "1", "m1.small");
            JsonNode keypair = cli.json("cascadia", "keypair", "create", "--public-key", writePublicKey(cli).toString(), "k1");
            assertThat(keypair.get("fingerprint").asText()).isNotBlank();

            byte[] data = new byte[1_000_000];
            new Random(5).nextBytes(data);
            Path file = dataDir.resolve("image.raw");
            Files.write(file, data);
            cli.json("cascadia", "image", "create", "--file", file.toString(), "--disk-format", "raw", "--container-format", "bare",
                    "--private", "private-cirros");
            JsonNode image = cli.json("cascadia", "image", "show", "private-cirros");
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("checksum").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
            assertThat(cli.run("cascadia", "image", "list", "-f", "json").assertSucceeded().stdout()).contains("private-cirros");

            JsonNode volume = cli.json("cascadia", "volume", "create", "--size", "1", "v1");
            assertThat(volume.get("status").asText()).isEqualTo("creating");
            assertThat(cli.run("cascadia", "volume", "list", "-f", "json").assertSucceeded().stdout()).contains("v1");

            JsonNode server = cli.json("cascadia", "server", "create", "--flavor", "m1.small", "--image", "private-cirros", "--network", "net1",
                    "--key-name", "k1", "--security-group", "web", "--wait", "vm1");
            assertThat(server.get("status").asText()).isEqualTo("ACTIVE");
            JsonNode servers = cli.run("cascadia", "server", "list", "-f", "json").assertSucceeded().json();
            assertThat(servers.get(0).get("Status").asText()).isEqualTo("ACTIVE");
            assertThat(servers.get(0).get("Networks").toString()).contains("10.0.0.");

            // a second project sees none of it and can touch none of it
            assertThat(cli.run("cascadia-other", "server", "list", "-f", "json").assertSucceeded().json()).isEmpty();
            assertThat(cli.run("cascadia-other", "volume", "list", "-f", "json").assertSucceeded().json()).isEmpty();
            assertThat(cli.run("cascadia-other", "network", "list", "-f", "json").assertSucceeded().stdout())
                    .doesNotContain(network.get("id").asText()).contains("public");
            assertThat(cli.run("cascadia-other", "image", "list", "-f", "json").assertSucceeded().stdout()).doesNotContain("private-cirros");
            assertFails(cli.run("cascadia-other", "server", "delete", server.get("id").asText()), "No server");
            assertFails(cli.run("cascadia-other", "network", "delete", network.get("id").asText()), "");
            assertFails(cli.run("cascadia-other", "volume", "delete", volume.get("id").asText()), "");
            assertFails(cli.run("cascadia-other", "router", "show", "r1"), "");
            assertThat(cli.run("cascadia", "server", "show", "vm1", "-f", "json").assertSucceeded().json().get("status").asText())
                    .isEqualTo("ACTIVE");

            cli.run("cascadia", "server", "delete", "--wait", "vm1").assertSucceeded();
            assertThat(cli.run("cascadia", "server", "list", "-f", "json").assertSucceeded().json()).isEmpty();
        }
    }


    private static void assertFails(OpenstackCli.Result result, String message) {
        assertThat(result.exitCode()).as(result.stdout()).isNotZero();
        assertThat(result.stderr()).contains(message);
    }

    /** A public key made by the API itself, imported back, as a user importing ~/.ssh/id_rsa.pub would. */
    private Path writePublicKey(OpenstackCli cli) throws Exception {
        String privateKey = cli.run("cascadia", "keypair", "create", "throwaway").assertSucceeded().stdout();
        assertThat(privateKey).contains("-----BEGIN PRIVATE KEY-----");
        String publicKey = cli.run("cascadia", "keypair", "show", "--public-key", "throwaway").assertSucceeded().stdout();
        cli.run("cascadia", "keypair", "delete", "throwaway").assertSucceeded();
        Path key = dataDir.resolve("id_rsa.pub");
        Files.writeString(key, publicKey);
        return key;
    }

    private static Path withSecondProject(Demo demo) throws Exception {
        String yaml = Files.readString(demo.cloudsYaml());
        String authUrl = demo.top().publicUrl() + "/v3";
        Path copy = demo.cloudsYaml().resolveSibling("clouds-test.yaml");
        Files.writeString(copy, yaml + """
                  cascadia-other:
                    auth:
                      auth_url: %s
                      username: olga
                      password: "other-pw"
                      project_name: other
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: Cascading
                    interface: public
                    identity_api_version: 3
                """.formatted(authUrl));
        return copy;
    }
}
