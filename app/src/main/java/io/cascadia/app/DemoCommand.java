package io.cascadia.app;

import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.image.Images;
import io.cascadia.emulator.runtime.Host;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the {@link Demo}, prints how to use it, and runs until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start Cascadia with embedded identity, an H2 database under .cascadia/ and emulated sites.")
final class DemoCommand implements Callable<Integer> {
    static final String DATAPLANE_PREFIX = "cas";

    @Option(names = "--port", defaultValue = "5000", description = "Port of the top layer (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--sites", defaultValue = "2", description = "Number of emulated sites (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--data-dir", defaultValue = ".cascadia", description = "Where data lives (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--dataplane", description = "Give the sites a real dataplane (root only): hosts and servers are"
            + " network namespaces named " + DATAPLANE_PREFIX + "-..., servers on one network reach each other over VXLAN.")
    boolean dataplane;

    @Option(names = "--tour", description = "After start, run the cascading story end to end and tell it: a network at the top,"
            + " a server in two zones, their copies and remote ports in the sites and, with --dataplane, a ping across sites.")
    boolean tour;

    @Override
    public Integer call() throws Exception {
        if (sites < 0 || sites > 100) {
            throw new IllegalArgumentException("--sites must be between 0 and 100, got: " + sites);
        }
        long started = System.nanoTime();
        DemoTools.ofThisProcess().ensure(dataplane, System.out);
        try (Shutdown shutdown = Shutdown.onSignal(); Demo demo = Demo.start(dataDir, port, sites, dataplane ? DATAPLANE_PREFIX : null)) {
            printWelcome(demo, (System.nanoTime() - started) / 1_000_000);
            if (tour) {
                new DemoTour(demo, CloudsYaml.readPassword(demo.cloudsYaml(), CloudsYaml.DEMO_CLOUD).orElseThrow(),
                        CloudsYaml.readPassword(demo.cloudsYaml(), CloudsYaml.ADMIN_CLOUD).orElseThrow(), System.out).run();
                System.out.println("\nThe demo keeps running; press Ctrl-C to stop.");
            }
            shutdown.await();
            System.out.println("\nCascadia demo stopping.");
        }
        return 0;
    }

    /** What to try when the sites have a real dataplane: one network, a server in each of two zones, ping. */
    private static String crossSiteL2(Demo demo) {
        String zone1 = demo.sites().isEmpty() ? "az1" : demo.sites().getFirst().config().availabilityZones().getFirst();
        String zone2 = demo.sites().size() < 2 ? zone1 : demo.sites().get(1).config().availabilityZones().getFirst();
        return """
                Cross-site L2 over the real dataplane (namespaces %s-*; first make a flavor and an image at the top):
                  openstack --os-cloud cascadia-admin flavor create --vcpus 1 --ram 512 --disk 1 m1.tiny
                  openstack --os-cloud cascadia-admin image create --public --disk-format raw --file /dev/null cirros
                  openstack --os-cloud cascadia network create net1
                  openstack --os-cloud cascadia subnet create --network net1 --subnet-range 10.0.0.0/24 sub1
                  openstack --os-cloud cascadia server create --flavor m1.tiny --image cirros --network net1 --availability-zone %s --wait vm1
                  openstack --os-cloud cascadia server create --flavor m1.tiny --image cirros --network net1 --availability-zone %s --wait vm2
                  ./cascadia server exec vm1 -- ping -c 3 <vm2's address>
                  ./cascadia admin agent fdb site1-compute-1
                """.formatted(DATAPLANE_PREFIX, zone1, zone2);
    }

    private void printWelcome(Demo demo, long millis) {
        String url = demo.top().publicUrl();
        StringBuilder sites = new StringBuilder();
        for (EmulatedSite site : demo.sites()) {
            sites.append("    %s  %s  zone %s, hosts %s%n".formatted(site.region(), site.url(),
                    String.join(",", site.config().availabilityZones()),
                    String.join(",", site.hosts().stream().map(Host::name).toList())));
        }
        String firstSite = demo.sites().isEmpty() ? "site1" : demo.sites().getFirst().region();
        System.out.println("""
                Cascadia demo is running at %s (ready in %d ms)
                  identity (Keystone v3): %s/v3
                  data: %s   logs: %s
                  emulated sites (each its own region in the catalog; state is in memory):
                %s
                To use it with the openstack CLI:
                  export OS_CLIENT_CONFIG_FILE=%s

                Try this (one cloud over all sites; flavor m1.tiny and image cirros are there already):
                  openstack --os-cloud cascadia network create net1
                  openstack --os-cloud cascadia subnet create --network net1 --subnet-range 10.0.0.0/24 sub1
                  openstack --os-cloud cascadia server create --flavor m1.tiny --image cirros --network net1 --availability-zone az2 --wait vm1
                  openstack --os-cloud cascadia server list
                  openstack --os-cloud cascadia-admin --os-region-name site2 server list --all-projects    # the copy: vm1@<top id>
                  ./cascadia admin site list        ./cascadia admin routing list        ./cascadia admin job list
                  openstack --os-cloud cascadia token issue ; openstack --os-cloud cascadia catalog list
                  openstack --os-cloud cascadia-admin project create demo2

                Straight at an emulated site:
                  openstack --os-cloud cascadia --os-region-name %s network create private
                  openstack --os-cloud cascadia --os-region-name %s subnet create --network private --subnet-range 10.0.0.0/24 private-subnet
                  openstack --os-cloud cascadia --os-region-name %s server create --flavor m1.tiny --image %s --network private --wait vm1
                  openstack --os-cloud cascadia --os-region-name %s server list
                  openstack --os-cloud cascadia-admin --os-region-name %s port list --long
                  openstack --os-cloud cascadia-admin --os-region-name %s network agent list
                  curl -s %s/healthz

                %s
                Press Ctrl-C to stop; the next start reuses the top's data (the sites start empty).
                """.formatted(url, millis, url, dataDir.toAbsolutePath(), dataDir.resolve("logs").toAbsolutePath(),
                sites, demo.cloudsYaml().toAbsolutePath(), firstSite, firstSite, firstSite, Images.DEFAULT_IMAGE_NAME,
                firstSite, firstSite, firstSite, url, dataplane ? crossSiteL2(demo) : ""));
    }
}
