package io.cascadia.dataplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Linux dataplane inside network namespaces that this process creates, all named {@code <prefix>-...}: an
 * underlay namespace with a bridge joining every host's {@code ul} link (addresses from 100.64.0.0/10, which never
 * leave the namespaces), hosts, and servers. Starting removes what a crashed run left behind under the same prefix;
 * closing removes everything. Needs root.
 */
public final class Dataplane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dataplane.class);
    private static final Path NETNS_DIR = Path.of("/var/run/netns");

    private final String prefix;
    private final String underlay;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();
    private final Map<String, String> underlayPorts = new ConcurrentHashMap<>();
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final AtomicInteger links = new AtomicInteger();

    private Dataplane(String prefix) {
        this.prefix = prefix;
        this.underlay = prefix + "-ul";
    }

    /** Why this process cannot build namespaces (it needs root and iproute2), or empty when it can. */
    public static java.util.Optional<String> unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return java.util.Optional.of("the dataplane needs root (network namespaces); CI runs as root");
        }
        boolean iproute2 = Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip").anyMatch(p -> Files.isExecutable(Path.of(p)));
        return iproute2 ? java.util.Optional.empty() : java.util.Optional.of("iproute2 (ip, bridge) is not installed");
    }

    /** Cleans up a previous run's leftovers under {@code prefix}, then creates the underlay. */
    public static Dataplane start(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9]{0,7}")) {
            throw new IllegalArgumentException("dataplane prefix must be 1-8 lowercase letters or digits, got: " + prefix);
        }
        removeNamespaces(prefix);
        Dataplane dataplane = new Dataplane(prefix);
        createNamespace(dataplane.underlay);
        Commands.batch("ip", dataplane.underlay, List.of(
                "link set lo up",
                "link add ul0 type bridge",
                "link set ul0 up"));
        return dataplane;
    }

    /** Adds a host whose VTEP is {@code vtepCidr} (e.g. {@code 100.64.1.1/10}). */
    public Host addHost(String name, String vtepCidr) {
        String namespace = prefix + "-h-" + name;
        String vtep = vtepCidr.substring(0, vtepCidr.indexOf('/'));
        int index = links.incrementAndGet();
        createNamespace(namespace);
        Commands.batch("ip", underlay, List.of(
                "link add u" + index + " type veth peer name ul netns " + namespace,
                "link set u" + index + " master ul0",
                "link set u" + index + " up"));
        Commands.batch("ip", namespace, List.of(
                "link set lo up",
                "addr add " + vtepCidr + " dev ul",
                "link set ul up"));
        Host host = new Host(name, namespace, vtep);
        hosts.put(name, host);
        underlayPorts.put(name, "u" + index);
        return host;
    }

    /**
     * Gives every host a permanent underlay neighbour entry for every other VTEP, so tunnels never ARP on the
     * underlay, and the underlay bridge a static entry for every host, so it never floods a frame to a host it has
     * not heard from yet: what crosses to a host is only the traffic tunnelled to it, and counts of it mean something.
     */
    public void pinUnderlayNeighbours() {
        Map<String, String> macs = new ConcurrentHashMap<>();
        List<String> bridgeEntries = new ArrayList<>();
        for (Host host : hosts.values()) {
            String mac = Commands.json("ip", host.namespace(), "link", "show", "ul").path(0).path("address").asText();
            macs.put(host.vtep(), mac);
            bridgeEntries.add("fdb replace " + mac + " dev " + underlayPorts.get(host.name()) + " master static");
        }
        Commands.batch("bridge", underlay, bridgeEntries);
        for (Host host : hosts.values()) {
            List<String> lines = new ArrayList<>();
            macs.forEach((vtep, mac) -> {
                if (!vtep.equals(host.vtep())) {
                    lines.add("neigh replace " + vtep + " lladdr " + mac + " dev ul nud permanent");
                }
            });
            Commands.batch("ip", host.namespace(), lines);
        }
    }

    /** Adds a server namespace, {@code <prefix>-vm-<id without dashes>}. */
    public Server addServer(String id) {
        String namespace = prefix + "-vm-" + id.replace("-", "");
        createNamespace(namespace);
        Commands.batch("ip", namespace, List.of("link set lo up"));
        Server server = new Server(id, namespace);
        servers.put(id, server);
        return server;
    }

    public void removeServer(String id) {
        Server server = servers.remove(id);
        if (server != null) {
            Commands.runQuietly(List.of("ip", "netns", "del", server.namespace()));
        }
    }

    public Host host(String name) {
        return hosts.get(name);
    }

    public Server server(String id) {
        return servers.get(id);
    }

    @Override
    public void close() {
        removeNamespaces(prefix);
        hosts.clear();
        underlayPorts.clear();
        servers.clear();
    }

    /**
     * Creates a namespace without IPv6: router solicitations and multicast listener reports would otherwise flood
     * through the tunnels at random moments, and the tests count what crosses them.
     */
    private static void createNamespace(String namespace) {
        Commands.run(List.of("ip", "netns", "add", namespace));
        Commands.run(List.of("ip", "netns", "exec", namespace, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1"));
    }

    /** Deletes every namespace named {@code <prefix>-...}. */
    static void removeNamespaces(String prefix) {
        if (!Files.isDirectory(NETNS_DIR)) {
            return;
        }
        try (Stream<Path> namespaces = Files.list(NETNS_DIR)) {
            List<String> ours = namespaces.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix + "-")).toList();
            for (String namespace : ours) {
                Commands.runQuietly(List.of("ip", "netns", "del", namespace));
            }
            if (!ours.isEmpty()) {
                LOG.info("removed {} namespaces under prefix {}", ours.size(), prefix);
            }
        } catch (java.io.IOException e) {
            throw new DataplaneException("cannot list " + NETNS_DIR + ": " + e.getMessage(), e);
        }
    }
}
