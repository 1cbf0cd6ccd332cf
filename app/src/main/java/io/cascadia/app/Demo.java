package io.cascadia.app;

import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.User;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A running demo: the top layer over H2 in {@code dataDir}, users {@code admin} and {@code demo} with their
 * projects, and {@code dataDir/clouds.yaml} for the openstack CLI. Passwords are generated on the first start and
 * read back from {@code clouds.yaml} on later ones, so a restart keeps data and credentials.
 */
final class Demo implements AutoCloseable {
    private final TopLayer top;
    private final Path cloudsYaml;

    private Demo(TopLayer top, Path cloudsYaml) {
        this.top = top;
        this.cloudsYaml = cloudsYaml;
    }

    static Demo start(Path dataDir, int port) throws IOException {
        Path clouds = dataDir.resolve("clouds.yaml");
        String adminPassword = CloudsYaml.readPassword(clouds, CloudsYaml.ADMIN_CLOUD).orElseGet(Demo::newPassword);
        String demoPassword = CloudsYaml.readPassword(clouds, CloudsYaml.DEMO_CLOUD).orElseGet(Demo::newPassword);
        Settings settings = Settings.empty()
                .with("server.port", port)
                .with("identity.admin-password", adminPassword);
        TopLayer top = TopLayer.start(TopConfig.from(settings, dataDir));
        try {
            Project demo = top.identity().ensureProject("demo", "The demo user's project");
            User demoUser = top.identity().ensureUser("demo", demoPassword, demo);
            top.identity().grantOnProject(demoUser, demo, Role.MEMBER);
            CloudsYaml.write(clouds, top.publicUrl() + "/v3", demoPassword, adminPassword);
            return new Demo(top, clouds);
        } catch (IOException | RuntimeException e) {
            top.close();
            throw e;
        }
    }

    TopLayer top() {
        return top;
    }

    Path cloudsYaml() {
        return cloudsYaml;
    }

    @Override
    public void close() {
        top.close();
    }

    private static String newPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
