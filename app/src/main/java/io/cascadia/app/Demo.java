package io.cascadia.app;

import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.User;
import io.cascadia.dataplane.Dataplane;
import io.cascadia.emulator.EmulatedSite;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A running demo: the top layer over H2 in {@code dataDir}, users {@code admin} and {@code demo} with their
 * projects, {@code dataDir/clouds.yaml} for the openstack CLI, and emulated sites in the same JVM, each in the
 * catalog under its region. Passwords are generated on the first start and read back from {@code clouds.yaml} on
 * later ones, so a restart keeps data and credentials (the sites start empty every time).
 */
final class Demo implements AutoCloseable {
    static final int DEFAULT_SITES = 2;

    private final TopLayer top;
    private final DemoSites sites;
    private final Path cloudsYaml;

    private Demo(TopLayer top, DemoSites sites, Path cloudsYaml) {
        this.top = top;
        this.sites = sites;
        this.cloudsYaml = cloudsYaml;
    }

    static Demo start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, DEFAULT_SITES);
    }

    static Demo start(Path dataDir, int port, int siteCount) throws IOException {
        return start(dataDir, port, siteCount, null);
    }

    static Demo start(Path dataDir, int port, int siteCount, String dataplanePrefix) throws IOException {
        return start(dataDir, port, Collections.nCopies(siteCount, DemoSites.HOSTS_PER_SITE), dataplanePrefix);
    }

    /**
     * @param hostsPerSite how many hosts each site has, one site per entry
     * @param dataplanePrefix when not null, the sites' hosts and servers are real network namespaces named
     *     {@code <prefix>-...} (root only); what a crashed run left under the prefix is removed first
     * @throws IllegalArgumentException when a dataplane is asked for and this process cannot build one
     */
    static Demo start(Path dataDir, int port, List<Integer> hostsPerSite, String dataplanePrefix) throws IOException {
        if (dataplanePrefix != null) {
            Dataplane.unavailableReason().ifPresent(reason -> {
                throw new IllegalArgumentException("--dataplane: " + reason);
            });
        }
        Path clouds = dataDir.resolve("clouds.yaml");
        String adminPassword = CloudsYaml.readPassword(clouds, CloudsYaml.ADMIN_CLOUD).orElseGet(Demo::newPassword);
        String demoPassword = CloudsYaml.readPassword(clouds, CloudsYaml.DEMO_CLOUD).orElseGet(Demo::newPassword);
        Settings settings = Settings.empty()
                .with("server.port", port)
                .with("identity.admin-password", adminPassword);
        TopLayer top = TopLayer.start(TopConfig.from(settings, dataDir));
        DemoSites sites = null;
        try {
            Project demo = top.identity().ensureProject("demo", "The demo user's project");
            User demoUser = top.identity().ensureUser("demo", demoPassword, demo);
            top.identity().grantOnProject(demoUser, demo, Role.MEMBER);
            sites = DemoSites.start(hostsPerSite, top.publicUrl() + "/v3", top.identity(), dataplanePrefix);
            for (EmulatedSite site : sites.all()) {
                top.sites().add(site.region(), java.util.Map.of());
            }
            DemoSeed.ensure(top.publicUrl(), adminPassword);
            CloudsYaml.write(clouds, top.publicUrl() + "/v3", demoPassword, adminPassword,
                    sites.all().stream().map(EmulatedSite::region).toList());
            return new Demo(top, sites, clouds);
        } catch (IOException | RuntimeException e) {
            top.close();
            if (sites != null) {
                sites.close();
            }
            throw e;
        }
    }

    TopLayer top() {
        return top;
    }

    List<EmulatedSite> sites() {
        return sites.all();
    }

    Path cloudsYaml() {
        return cloudsYaml;
    }

    /** Stops the top first, so its pollers do not find the sites gone and record them as degraded. */
    @Override
    public void close() {
        top.close();
        sites.close();
    }

    private static String newPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
