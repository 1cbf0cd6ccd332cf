package io.cascadia.app;

import static io.cascadia.app.CrossSiteCloud.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.dataplane.Commands;
import io.cascadia.dataplane.Dataplane;
import io.cascadia.dataplane.Host;
import io.cascadia.emulator.EmulatedSite;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's broadcast proof (root): five hosts in two sites, three of them with a server on the network. The first
 * ping between servers in different sites sends exactly the echo request and the echo reply over the underlay: the
 * ARP requests of both servers are answered by their own host's ARP responder, so no ARP broadcast crosses sites, and
 * hosts without a port on the network receive nothing.
 */
class CrossSiteBroadcastTest {
    @TempDir
    Path dataDir;

    @Test
    void theFirstPingAcrossSitesCrossesTheUnderlayOnlyAsEchoRequestAndReply() throws Exception {
        Dataplane.unavailableReason().ifPresent(Assumptions::abort);
        try (CrossSiteCloud cloud = CrossSiteCloud.start(dataDir, List.of(3, 2), "cl2b")) {
            String network = cloud.network("net1", "10.0.0.0/24");
            String a = cloud.server("vm-a", network, "az1").path("id").asText();
            String c = cloud.server("vm-c", network, "az1").path("id").asText();
            String b = cloud.server("vm-b", network, "az2").path("id").asText();
            String ipB = cloud.portOf(b).path("fixed_ips").get(0).path("ip_address").asText();
            String hostA = cloud.hostOf(a);
            String hostB = cloud.hostOf(b);
            String hostC = cloud.hostOf(c);
            assertThat(List.of(hostA, hostB, hostC)).doesNotHaveDuplicates();
            Map<String, Host> hosts = new LinkedHashMap<>();
            for (EmulatedSite site : cloud.demo.sites()) {
                site.hosts().forEach(h -> hosts.put(h.name(), site.dataplane().orElseThrow().host(h.name()).orElseThrow()));
            }
            assertThat(hosts).hasSize(5);
            int vni = cloud.inSite("site1", "networks").getFirst().path("provider:segmentation_id").asInt();
            for (String hosting : List.of(hostA, hostB, hostC)) {
                await("2 remote MACs and ARP entries programmed on " + hosting, () ->
                        Commands.json("ip", hosts.get(hosting).namespace(), "neigh", "show", "dev", "vx" + vni).size() == 2
                                ? true : null);
            }
            String serverA = cloud.namespaceOf(a);

            UnderlayCounters.awaitQuiet(hosts.values());
            Map<String, Long> before = UnderlayCounters.read(hosts);
            assertThat(Commands.run(List.of("ip", "netns", "exec", serverA, "ping", "-c", "1", "-W", "2", ipB)))
                    .contains("1 received");
            Map<String, Long> received = UnderlayCounters.since(before, hosts);

            System.out.printf("first ping %s -> %s, underlay packets received per host with l2 population and ARP responder: %s%n",
                    hostA, hostB, received);
            assertThat(received.get(hostB)).as("the echo request only: no ARP crossed to site2").isEqualTo(1);
            assertThat(received.get(hostA)).as("the echo reply only: no ARP crossed to site1").isEqualTo(1);
            assertThat(received.get(hostC)).as("a host with a port on the network, not in the conversation").isZero();
            hosts.keySet().stream().filter(h -> !List.of(hostA, hostB, hostC).contains(h))
                    .forEach(idle -> assertThat(received.get(idle)).as("host %s has no port on the network", idle).isZero());
        }
    }
}
