package io.cascadia.app;

import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import io.cascadia.emulator.runtime.Host;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one emulated cascaded site until Ctrl-C. */
@Command(name = "site", mixinStandardHelpOptions = true,
        description = "Run one emulated cascaded OpenStack site (Nova, Neutron with agents and l2 population, Cinder,"
                + " Glance) on a loopback port, validating tokens against a Keystone.")
final class SiteCommand implements Callable<Integer> {
    @Option(names = "--region", required = true, description = "Region name of the site, also the prefix of its host names.")
    String region;

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--keystone", required = true, description = "Keystone URL tokens are validated against, e.g. http://127.0.0.1:5000/v3.")
    String keystone;

    @Option(names = "--az", split = ",", description = "Availability zone(s), comma separated (default: nova).")
    List<String> zones;

    @Option(names = "--hosts", defaultValue = "2", description = "Number of hypervisor hosts, each with an L2 agent (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--build-latency", defaultValue = "1s", description = "How long servers stay in BUILD and volumes in creating (default: ${DEFAULT-VALUE}).")
    String buildLatency;

    @Option(names = "--action-latency", defaultValue = "200ms", description = "How long stop, start, reboot and attachments take (default: ${DEFAULT-VALUE}).")
    String actionLatency;

    @Option(names = "--tunnel-subnet", defaultValue = "100.64.0.0/24", description = "The /24 the hosts' VXLAN tunnel IPs come from (default: ${DEFAULT-VALUE}).")
    String tunnelSubnet;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.empty()
                .with("--build-latency", buildLatency)
                .with("--action-latency", actionLatency);
        SiteConfig config = SiteConfig.of(region, keystone)
                .withPort(port)
                .withHosts(hosts)
                .withBuildLatency(settings.duration("--build-latency", Duration.ofSeconds(1)))
                .withActionLatency(settings.duration("--action-latency", Duration.ofMillis(200)))
                .withTunnelSubnet(tunnelSubnet);
        if (zones != null && !zones.isEmpty()) {
            config = config.withAvailabilityZones(zones);
        }
        try (Shutdown shutdown = Shutdown.onSignal(); EmulatedSite site = EmulatedSite.start(config)) {
            System.out.println("Emulated site " + site.region() + " is running at " + site.url());
            for (EmulatedSite.CatalogEndpoint endpoint : site.catalogEndpoints()) {
                System.out.printf("  %-9s %s%n", endpoint.type(), endpoint.url());
            }
            for (Host host : site.hosts()) {
                System.out.printf("  host %s  zone %s  tunnel IP %s  agent %s%n", host.name(), host.availabilityZone(),
                        host.tunnelIp(), host.agentId());
            }
            System.out.println("Register these endpoints in the catalog under region " + site.region()
                    + "; fault controls and l2 population tables are under " + site.url() + "/emulator. Ctrl-C stops.");
            shutdown.await();
        }
        return 0;
    }
}
