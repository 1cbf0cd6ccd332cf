package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.dataplane.Host;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.dataplane.SiteDataplane;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo --tour}: the cascading story, run end to end against the demo's own API as its users would and told in
 * plain lines. A network at the top (nothing in any site yet), a server in the first two zones (their copies
 * {@code name@<top id>} appear in their sites with the same IP and MAC), the remote ports each site got for the
 * other's server and, with a dataplane, a ping from one site to the other with the underlay packets it took.
 * Everything is left in place to explore.
 */
final class DemoTour {
    private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(60);
    private static final Duration REMOTE_PORT_WITHIN = Duration.ofSeconds(15);

    private final Demo demo;
    private final PrintStream out;
    private final DemoClient user;
    private final DemoClient admin;

    DemoTour(Demo demo, String demoPassword, String adminPassword, PrintStream out) {
        this.demo = requireNonNull(demo, "demo is null");
        this.out = requireNonNull(out, "out is null");
        String url = demo.top().publicUrl();
        this.user = DemoClient.login(url, "demo", demoPassword, "demo");
        this.admin = DemoClient.login(url, "admin", adminPassword, "admin");
    }

    /** What the tour made: the top network and the two servers with their addresses. */
    record Made(String network, List<Server> servers, boolean pinged) {
    }

    /** One server of the tour as the top shows it. */
    record Server(String id, String name, String zone, String ip, String mac) {
    }

    Made run() throws InterruptedException {
        List<EmulatedSite> sites = demo.sites();
        if (sites.size() < 2) {
            throw new IllegalStateException("the tour needs two sites; start the demo with --sites 2 or more");
        }
        String tag = UUID.randomUUID().toString().substring(0, 4);
        step(1, "a network at the top");
        String network = user.post("/networking/v2.0/networks", "{\"network\": {\"name\": \"tour-" + tag + "\"}}")
                .at("/network/id").asText();
        user.post("/networking/v2.0/subnets", """
                {"subnet": {"name": "tour-%s-sub", "network_id": "%s", "ip_version": 4, "cidr": "10.99.0.0/24"}}"""
                .formatted(tag, network));
        say("network tour-" + tag + " (" + network + ") with subnet 10.99.0.0/24 is in the top database");
        for (EmulatedSite site : sites) {
            say(site.region() + " has " + copies(site, "networking/v2.0/networks", "networks", network).size()
                    + " copies of it: creating a network touches no site");
        }

        step(2, "a server in " + zone(sites.get(0)) + " and one in " + zone(sites.get(1)));
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = "tour-" + tag + "-vm" + (i + 1);
            String id = user.post("/compute/v2.1/servers", """
                    {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}],
                     "availability_zone": "%s"}}""".formatted(name, id(admin.get("/compute/v2.1/flavors").path("flavors"), DemoSeed.FLAVOR),
                    id(admin.get("/image/v2/images?name=" + DemoSeed.IMAGE).path("images"), DemoSeed.IMAGE), network,
                    zone(sites.get(i)))).at("/server/id").asText();
            say(name + " asked for in " + zone(sites.get(i)) + ": the top answered at once (" + id + "), a job builds it in "
                    + sites.get(i).region());
            servers.add(new Server(id, name, zone(sites.get(i)), null, null));
        }
        for (int i = 0; i < servers.size(); i++) {
            servers.set(i, awaitActive(servers.get(i)));
            say(servers.get(i).name() + " is ACTIVE in " + servers.get(i).zone() + " with " + servers.get(i).ip() + " "
                    + servers.get(i).mac());
        }

        step(3, "the copies in the sites");
        for (int i = 0; i < 2; i++) {
            Server server = servers.get(i);
            EmulatedSite site = sites.get(i);
            JsonNode copy = copies(site, "compute/v2.1/servers/detail?all_tenants=1", "servers", server.id()).getFirst();
            JsonNode port = copies(site, "networking/v2.0/ports", "ports", portOf(server)).getFirst();
            say(site.region() + " holds " + copy.path("name").asText() + " on " + copies(site, "networking/v2.0/networks",
                    "networks", network).getFirst().path("name").asText() + ", its port " + port.at("/fixed_ips/0/ip_address").asText()
                    + " " + port.path("mac_address").asText() + ": the same IP and MAC as at the top");
        }

        step(4, "remote ports: each site knows the other's server");
        for (int i = 0; i < 2; i++) {
            EmulatedSite site = sites.get(i);
            Server other = servers.get(1 - i);
            Optional<JsonNode> remote = awaitRemotePort(site, other);
            if (remote.isEmpty()) {
                say(site.region() + " has no remote port for " + other.name() + " yet: the l2 proxy is behind");
                continue;
            }
            say(site.region() + " got a remote port for " + other.name() + ": " + remote.get().path("name").asText() + " ("
                    + other.ip() + " " + other.mac() + ") bound to " + remote.get().path("binding:host_id").asText() + ", VTEP "
                    + remote.get().at("/binding:profile/tunnel_ip").asText()
                    + ": its l2 population programs the fdb and ARP entries, no flooding across sites");
        }

        boolean pinged = false;
        step(5, "a ping from " + sites.get(0).region() + " to " + sites.get(1).region());
        Optional<SiteDataplane> dataplane = sites.get(0).dataplane();
        if (dataplane.isEmpty()) {
            say("this demo has no dataplane: start it with --dataplane (as root) to ping across sites");
        } else {
            pinged = ping(sites, servers);
        }
        out.println();
        out.println("The tour leaves everything in place. Look around:");
        out.println("  openstack --os-cloud cascadia server list");
        out.println("  openstack --os-cloud cascadia-admin --os-region-name " + sites.get(0).region() + " server list --all-projects");
        out.println("  ./cascadia admin routing list");
        return new Made(network, servers, pinged);
    }

    private boolean ping(List<EmulatedSite> sites, List<Server> servers) throws InterruptedException {
        String bottom = copies(sites.get(0), "compute/v2.1/servers/detail?all_tenants=1", "servers", servers.get(0).id())
                .getFirst().path("id").asText();
        String namespace = sites.get(0).dataplane().orElseThrow().server(bottom)
                .orElseThrow(() -> new IllegalStateException("server " + servers.get(0).name() + " has no namespace yet"))
                .namespace();
        List<Host> hosts = new ArrayList<>();
        for (EmulatedSite site : sites) {
            site.dataplane().ifPresent(wired -> site.hosts().forEach(h -> wired.host(h.name()).ifPresent(hosts::add)));
        }
        String target = servers.get(1).ip();
        // The sites program their dataplanes a moment after the servers are ACTIVE: wait for the first answer.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!exec(List.of("ip", "netns", "exec", namespace, "ping", "-c", "1", "-W", "1", target)).contains(" 0% packet loss")
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        awaitQuiet(hosts);
        long before = hosts.stream().mapToLong(Host::underlayPacketsReceived).sum();
        String output = exec(List.of("ip", "netns", "exec", namespace, "ping", "-c", "3", "-W", "2", target));
        long underlay = hosts.stream().mapToLong(Host::underlayPacketsReceived).sum() - before;
        boolean answered = output.contains(" 0% packet loss");
        say("ip netns exec " + namespace + " ping -c 3 " + target + ": "
                + (answered ? "3 of 3 answered" : "no answer:\n" + output.strip()));
        say("the hosts' underlay links received " + underlay + " packets for it: the echo requests and replies, no ARP"
                + " (each site's ARP responder answered locally)");
        return answered;
    }

    private Server awaitActive(Server server) throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
        while (true) {
            JsonNode shown = user.get("/compute/v2.1/servers/" + server.id()).path("server");
            String status = shown.path("status").asText();
            if (status.equals("ACTIVE")) {
                JsonNode address = shown.path("addresses").elements().next().get(0);
                return new Server(server.id(), server.name(), server.zone(), address.path("addr").asText(),
                        address.path("OS-EXT-IPS-MAC:mac_addr").asText());
            }
            if (status.equals("ERROR") || System.nanoTime() > deadline) {
                throw new IllegalStateException(server.name() + " is " + status + ": " + shown.path("fault"));
            }
            Thread.sleep(200);
        }
    }

    /** The site's remote port for a server of another site; the l2 proxy makes it shortly after the server is up. */
    private Optional<JsonNode> awaitRemotePort(EmulatedSite site, Server other) throws InterruptedException {
        long deadline = System.nanoTime() + REMOTE_PORT_WITHIN.toNanos();
        do {
            for (JsonNode port : admin.at(site.url()).get("/networking/v2.0/ports?device_owner=compute:shadow").path("ports")) {
                if (port.path("mac_address").asText().equals(other.mac())) {
                    return Optional.of(port);
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    private String portOf(Server server) {
        return user.get("/networking/v2.0/ports?device_id=" + server.id()).at("/ports/0/id").asText();
    }

    /** The resources of a site list whose name marks them as copies of {@code topId}. */
    private List<JsonNode> copies(EmulatedSite site, String path, String key, String topId) {
        List<JsonNode> found = new ArrayList<>();
        admin.at(site.url()).get("/" + path).path(key).forEach(item -> {
            if (item.path("name").asText().endsWith("@" + topId)) {
                found.add(item);
            }
        });
        return found;
    }

    private static String zone(EmulatedSite site) {
        return site.config().availabilityZones().getFirst();
    }

    private static String id(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new IllegalStateException("the demo has no " + name);
    }

    /** Waits (at most 20 s) until no host received anything for 2.5 s: fresh interfaces send a few reports first. */
    private static void awaitQuiet(List<Host> hosts) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long quietSince = System.nanoTime();
        long last = hosts.stream().mapToLong(Host::underlayPacketsReceived).sum();
        while (System.nanoTime() - quietSince < 2_500_000_000L && System.nanoTime() < deadline) {
            Thread.sleep(250);
            long now = hosts.stream().mapToLong(Host::underlayPacketsReceived).sum();
            if (now != last) {
                quietSince = System.nanoTime();
                last = now;
            }
        }
    }

    private static String exec(List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            process.waitFor(30, TimeUnit.SECONDS);
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot run " + command.getFirst() + ": " + e.getMessage();
        }
    }

    private void step(int n, String what) {
        out.println();
        out.println("Tour " + n + "/5: " + what);
    }

    private void say(String line) {
        out.println("  " + line);
    }
}
