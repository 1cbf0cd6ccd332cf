package io.cascadia.emulator;

import static java.util.Objects.requireNonNull;

import io.cascadia.emulator.runtime.Host;
import io.cascadia.emulator.runtime.HostCapacity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Everything one emulated site needs to start. Build one with {@link #of(String, String)} and the {@code with...}
 * methods; the constructor checks every value and names the bad one.
 *
 * @param region the catalog region of the site, also the prefix of its host names
 * @param port the loopback port to listen on; 0 picks a free one
 * @param keystoneUrl the Keystone that issues the tokens the site accepts
 * @param availabilityZones the zones of the site; hosts are spread over them in turn
 * @param hosts how many hypervisor hosts (each with an L2 agent) the site has
 * @param capacity what each host offers
 * @param buildLatency how long a server stays in BUILD and a volume in creating
 * @param actionLatency how long stop, start, reboot, attach and detach take
 * @param tunnelSubnet an IPv4 /24 (or larger) whose addresses .1, .2, ... become the hosts' VXLAN tunnel IPs
 * @param firstVni the first VXLAN network id given to networks created without one
 * @param deletedRetention how long deleted servers stay visible to {@code changes-since}
 * @param seed the seed of the failure draws, for repeatable fault injection
 */
public record SiteConfig(String region, int port, String keystoneUrl, List<String> availabilityZones, int hosts,
                         HostCapacity capacity, Duration buildLatency, Duration actionLatency, String tunnelSubnet,
                         int firstVni, Duration deletedRetention, long seed) {
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}");
    private static final Pattern SUBNET = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.0/24");

    public SiteConfig {
        requireNonNull(region, "region is null");
        requireNonNull(keystoneUrl, "keystoneUrl is null");
        requireNonNull(capacity, "capacity is null");
        requireNonNull(buildLatency, "buildLatency is null");
        requireNonNull(actionLatency, "actionLatency is null");
        requireNonNull(tunnelSubnet, "tunnelSubnet is null");
        requireNonNull(deletedRetention, "deletedRetention is null");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be 1-64 letters, digits, '.', '_' or '-', got: " + region);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got: " + port);
        }
        if (!keystoneUrl.startsWith("http://") && !keystoneUrl.startsWith("https://")) {
            throw new IllegalArgumentException("keystone URL must start with http:// or https://, got: " + keystoneUrl);
        }
        availabilityZones = List.copyOf(availabilityZones);
        if (availabilityZones.isEmpty()) {
            throw new IllegalArgumentException("a site needs at least one availability zone");
        }
        for (String zone : availabilityZones) {
            if (!ZONE.matcher(zone).matches() || zone.contains(":")) {
                throw new IllegalArgumentException("availability zone must be letters, digits, '.', '_' or '-', got: " + zone);
            }
        }
        if (availabilityZones.stream().distinct().count() != availabilityZones.size()) {
            throw new IllegalArgumentException("availability zones must be distinct, got: " + availabilityZones);
        }
        if (hosts < 1 || hosts > 254) {
            throw new IllegalArgumentException("hosts must be 1..254, got: " + hosts);
        }
        if (hosts < availabilityZones.size()) {
            throw new IllegalArgumentException("every availability zone needs a host: " + availabilityZones.size()
                    + " zones, " + hosts + " hosts");
        }
        if (buildLatency.isNegative() || actionLatency.isNegative() || deletedRetention.isNegative()) {
            throw new IllegalArgumentException("latencies and retention must not be negative, got: build="
                    + buildLatency + " action=" + actionLatency + " retention=" + deletedRetention);
        }
        if (!SUBNET.matcher(tunnelSubnet).matches()) {
            throw new IllegalArgumentException("tunnel subnet must be an IPv4 /24 such as 100.64.1.0/24, got: " + tunnelSubnet);
        }
        if (firstVni < 1 || firstVni > 16_000_000) {
            throw new IllegalArgumentException("first VNI must be 1..16000000, got: " + firstVni);
        }
    }

    /**
     * A site with one zone {@code nova}, two hosts, builds of 1 s, actions of 200 ms, tunnel IPs in
     * 100.64.0.0/24, on any free port.
     */
    public static SiteConfig of(String region, String keystoneUrl) {
        return new SiteConfig(region, 0, keystoneUrl, List.of("nova"), 2, HostCapacity.DEFAULT, Duration.ofSeconds(1),
                Duration.ofMillis(200), "100.64.0.0/24", 1001, Duration.ofHours(1), 42);
    }

    public SiteConfig withPort(int port) {
        return new SiteConfig(region, port, keystoneUrl, availabilityZones, hosts, capacity, buildLatency, actionLatency,
                tunnelSubnet, firstVni, deletedRetention, seed);
    }

    public SiteConfig withAvailabilityZones(List<String> zones) {
        return new SiteConfig(region, port, keystoneUrl, zones, Math.max(hosts, zones.size()), capacity, buildLatency,
                actionLatency, tunnelSubnet, firstVni, deletedRetention, seed);
    }

    public SiteConfig withHosts(int hosts) {
        return new SiteConfig(region, port, keystoneUrl, availabilityZones, hosts, capacity, buildLatency, actionLatency,
                tunnelSubnet, firstVni, deletedRetention, seed);
    }

    public SiteConfig withCapacity(HostCapacity capacity) {
        return new SiteConfig(region, port, keystoneUrl, availabilityZones, hosts, capacity, buildLatency, actionLatency,
                tunnelSubnet, firstVni, deletedRetention, seed);
    }

    public SiteConfig withBuildLatency(Duration buildLatency) {
        return new SiteConfig(region, port, keystoneUrl, availabilityZones, hosts, capacity, buildLatency, actionLatency,
                tunnelSubnet, firstVni, deletedRetention, seed);
    }

    public SiteConfig withActionLatency(Duration actionLatency) {
        return new SiteConfig(region, port, keystoneUrl, availabilityZones, hosts, capacity, buildLatency, actionLatency,
                tunnelSubnet, firstVni, deletedRetention, seed);
    }

    public SiteConfig withTunnelSubnet(String tunnelSubnet) {
        return new SiteConfig(region, port, keystoneUrl, availabilityZones, hosts, capacity, buildLatency, actionLatency,
                tunnelSubnet, firstVni, deletedRetention, seed);
    }

    /**
     * The site's hosts: {@code <region>-compute-<n>}, zones assigned in turn, tunnel IP {@code .n} of the tunnel
     * subnet. Ids are derived from the region and index, so a restarted site reports the same hosts and agents.
     */
    public List<Host> hostList() {
        String prefix = tunnelSubnet.substring(0, tunnelSubnet.lastIndexOf('.') + 1);
        List<Host> list = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            String name = region + "-compute-" + i;
            list.add(new Host(i, name, availabilityZones.get((i - 1) % availabilityZones.size()), prefix + i,
                    stableUuid("hypervisor:" + name), stableUuid("nova-compute:" + name), stableUuid("l2-agent:" + name),
                    capacity));
        }
        return List.copyOf(list);
    }

    private static String stableUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
