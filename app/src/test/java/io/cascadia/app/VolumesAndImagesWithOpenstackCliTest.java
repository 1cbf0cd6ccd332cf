package io.cascadia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.app.cloud.TestCloud;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.testkit.OpenstackCli;
import io.cascadia.testkit.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's "done when", with the unmodified openstack CLI against the demo: an image made at the top is copied once
 * to each site a server boots it in (seen by listing the sites directly); a volume in az2 attaches to the az2 server
 * (in-use at the top and in the site) and is refused by the az1 server with a clear error; a server boots from it in
 * its site; after detaching and deleting everything, no site holds a copy of anything.
 */
class VolumesAndImagesWithOpenstackCliTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void imagesAndVolumesGoWhereTheirServersAreAndLeaveNoCopiesBehind() throws Exception {
        try (Demo demo = Demo.start(dataDir, 0)) {
            OpenstackCli cli = new OpenstackCli(demo.cloudsYaml());
            cli.json("cascadia-admin", "flavor", "create", "--ram", "256", "--disk", "1", "--vcpus", "1", "m1.cas");
            cli.run("cascadia", "keypair", "create", "k1").assertSucceeded();
            cli.json("cascadia", "network", "create", "net1");
            cli.json("cascadia", "subnet", "create", "--network", "net1", "--subnet-range", "10.8.0.0/24", "sub1");
            byte[] data = new byte[2_500_000];
            new Random(8).nextBytes(data);
            Path file = dataDir.resolve("disk.raw");
            Files.write(file, data);
            JsonNode image = cli.json("cascadia", "image", "create", "--file", file.toString(), "--disk-format", "raw",
                    "--container-format", "bare", "img");
            String imageId = image.get("id").asText();
            String checksum = cli.json("cascadia", "image", "show", "img").get("checksum").asText();

            JsonNode vm1 = cli.json("cascadia", "server", "create", "--flavor", "m1.cas", "--image", "img", "--network", "net1",
                    "--key-name", "k1", "--availability-zone", "az1", "--wait", "vm1");
            JsonNode vm2 = cli.json("cascadia", "server", "create", "--flavor", "m1.cas", "--image", "img", "--network", "net1",
                    "--key-name", "k1", "--availability-zone", "az2", "--wait", "vm2");
            assertThat(vm1.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(vm2.get("status").asText()).isEqualTo("ACTIVE");

            for (String site : List.of("site1", "site2")) {
                JsonNode copies = cli.json("cascadia", "--os-region-name", site, "image", "list", "--name", "img@" + imageId);
                assertThat(copies).as("copies of the image in " + site).hasSize(1);
                assertThat(cli.json("cascadia", "--os-region-name", site, "image", "show", "img@" + imageId).get("checksum").asText())
                        .isEqualTo(checksum);
            }
            assertThat(names(cli.json("cascadia", "image", "list")).stream().filter("img"::equals)).hasSize(1);

            JsonNode volume = cli.json("cascadia", "volume", "create", "--size", "1", "--availability-zone", "az2", "v1");
            String volumeId = volume.get("id").asText();
            awaitVolume(cli, "cascadia", "v1", "available");

            cli.run("cascadia", "server", "add", "volume", "vm2", "v1").assertSucceeded();
            JsonNode inUse = awaitVolume(cli, "cascadia", "v1", "in-use");
            assertThat(inUse.get("attachments").toString()).contains(vm2.get("id").asText(), "/dev/vdb");
            assertThat(awaitVolume(cli, "cascadia --os-region-name site2", "v1@" + volumeId, "in-use").get("attachments").toString())
                    .contains("/dev/vdb");
            assertThat(cli.json("cascadia", "server", "show", "vm2").get("volumes_attached").toString()).contains(volumeId);

            OpenstackCli.Result refused = cli.run("cascadia", "server", "add", "volume", "vm1", "v1");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("Volume " + volumeId + " is in availability zone az2 (site site2) and server "
                    + vm1.get("id").asText() + " in availability zone az1 (site site1): attaching a volume across sites is not possible.");

            cli.run("cascadia", "server", "remove", "volume", "vm2", "v1").assertSucceeded();
            awaitVolume(cli, "cascadia", "v1", "available");

            JsonNode vm3 = cli.json("cascadia", "server", "create", "--flavor", "m1.cas", "--volume", "v1", "--network", "net1",
                    "--wait", "vm3");
            assertThat(vm3.get("OS-EXT-AZ:availability_zone").asText()).as("booted in the volume's zone").isEqualTo("az2");
            assertThat(awaitVolume(cli, "cascadia", "v1", "in-use").get("attachments").toString())
                    .contains(vm3.get("id").asText(), "/dev/vda");
            assertThat(names(cli.json("cascadia-admin", "--os-region-name", "site2", "server", "list", "--all-projects")))
                    .contains("vm3@" + vm3.get("id").asText());

            cli.run("cascadia", "server", "delete", "--wait", "vm1", "vm2", "vm3").assertSucceeded();
            awaitVolume(cli, "cascadia", "v1", "available");
            cli.run("cascadia", "volume", "delete", "v1").assertSucceeded();
            cli.run("cascadia", "image", "delete", "img").assertSucceeded();
            cli.run("cascadia", "keypair", "delete", "k1").assertSucceeded();
            cli.run("cascadia-admin", "flavor", "delete", "m1.cas").assertSucceeded();
            cli.run("cascadia", "subnet", "delete", "sub1").assertSucceeded();
            cli.run("cascadia", "network", "delete", "net1").assertSucceeded();
            String serviceUser = cli.json("cascadia-admin", "user", "show", "cascadia").get("id").asText();
            String adminToken = cli.json("cascadia-admin", "token", "issue").get("id").asText();
            for (EmulatedSite site : demo.sites()) {
                TestCloud.await(() -> copies(cli, site, serviceUser, adminToken).isEmpty(), WAIT,
                        () -> "copies left in " + site.region() + ": " + copies(cli, site, serviceUser, adminToken));
            }
            assertThat(cli.json("cascadia", "volume", "list")).isEmpty();
        }
    }

    /**
     * Every copy Cascadia made that a site still lists: servers, volumes, images, flavors, keypairs and networks. The
     * CLI cannot name another user's keypairs in a region without an identity endpoint, so those are asked over HTTP.
     */
    private static List<String> copies(OpenstackCli cli, EmulatedSite emulated, String serviceUser, String adminToken) {
        String site = emulated.region();
        List<String> left = new java.util.ArrayList<>();
        left.addAll(names(cli.json("cascadia-admin", "--os-region-name", site, "server", "list", "--all-projects")));
        left.addAll(names(cli.json("cascadia-admin", "--os-region-name", site, "volume", "list", "--all-projects")));
        left.addAll(names(cli.json("cascadia-admin", "--os-region-name", site, "image", "list")).stream()
                .filter(name -> name.contains("@")).toList());
        left.addAll(names(cli.json("cascadia-admin", "--os-region-name", site, "flavor", "list", "--all")).stream()
                .filter(name -> name.contains("@")).toList());
        new WireClient(emulated.url()).get("/compute/v2.1/os-keypairs?user_id=" + serviceUser,
                        Map.of("X-Auth-Token", adminToken, "OpenStack-API-Version", "compute 2.10"))
                .json().path("keypairs").forEach(keypair -> left.add(keypair.at("/keypair/name").asText()));
        left.addAll(names(cli.json("cascadia-admin", "--os-region-name", site, "network", "list")).stream()
                .filter(name -> name.contains("@")).toList());
        return left;
    }

    /** Waits for a volume to reach a status, as {@code volume show} tells it. */
    private static JsonNode awaitVolume(OpenstackCli cli, String cloud, String volume, String status) {
        String[] cloudAndOptions = cloud.split(" ");
        String[] args = new String[cloudAndOptions.length - 1 + 2];
        System.arraycopy(cloudAndOptions, 1, args, 0, cloudAndOptions.length - 1);
        args[args.length - 2] = "volume";
        args[args.length - 1] = "show";
        String[] withName = java.util.Arrays.copyOf(args, args.length + 1);
        withName[args.length] = volume;
        JsonNode[] last = new JsonNode[1];
        TestCloud.await(() -> {
            last[0] = cli.json(cloudAndOptions[0], withName);
            return last[0].get("status").asText().equals(status);
        }, WAIT, () -> "volume " + volume + " did not become " + status + ": " + last[0]);
        return last[0];
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("Name").asText()).toList();
    }

}
