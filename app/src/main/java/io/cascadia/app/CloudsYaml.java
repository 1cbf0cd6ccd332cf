package io.cascadia.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The demo's {@code clouds.yaml}: cloud {@code cascadia} (user and project {@code demo}) and
 * {@code cascadia-admin} (user and project {@code admin}). It holds passwords, so it is readable by its owner only
 * from the moment it exists, and read back on the next start so the same credentials keep working.
 */
final class CloudsYaml {
    static final String DEMO_CLOUD = "cascadia";
    static final String ADMIN_CLOUD = "cascadia-admin";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private CloudsYaml() {
    }

    /** The password of a cloud in an existing file, if the file and cloud exist. */
    @SuppressWarnings("unchecked")
    static Optional<String> readPassword(Path file, String cloud) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Map<String, Object> clouds = (Map<String, Object>) root.get("clouds");
            Map<String, Object> auth = (Map<String, Object>) ((Map<String, Object>) clouds.get(cloud)).get("auth");
            return Optional.ofNullable((String) auth.get("password"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param siteRegions the regions of the sites, which the CLI may then be pointed at with {@code --os-region-name};
     *                    the default region stays {@code Cascading}
     */
    static void write(Path file, String authUrl, String demoPassword, String adminPassword, List<String> siteRegions)
            throws IOException {
        String text = "# Written by ./cascadia demo. Use with: export OS_CLIENT_CONFIG_FILE=" + file.toAbsolutePath() + "\n"
                + "clouds:\n"
                + cloud(DEMO_CLOUD, authUrl, "demo", demoPassword, "demo", siteRegions)
                + cloud(ADMIN_CLOUD, authUrl, "admin", adminPassword, "admin", siteRegions);
        Files.createDirectories(file.getParent());
        Path temporary = createPrivate(file);
        try {
            Files.writeString(temporary, text);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new empty file beside {@code file}, created owner-only: a fresh random name that must not exist yet, so no
     * file or link already there is written through, and permissions given at creation, never widened meanwhile.
     */
    private static Path createPrivate(Path file) throws IOException {
        String prefix = "." + file.getFileName() + ".";
        try {
            return Files.createTempFile(file.getParent(), prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
            return Files.createTempFile(file.getParent(), prefix, ".tmp");
        }
    }

    private static String cloud(String name, String authUrl, String user, String password, String project,
                                List<String> siteRegions) {
        StringBuilder regions = new StringBuilder("    regions:\n      - Cascading\n");
        siteRegions.forEach(region -> regions.append("      - ").append(region).append('\n'));
        return "  " + name + ":\n"
                + "    auth:\n"
                + "      auth_url: " + authUrl + "\n"
                + "      username: " + user + "\n"
                + "      password: \"" + password + "\"\n"
                + "      project_name: " + project + "\n"
                + "      user_domain_name: Default\n"
                + "      project_domain_name: Default\n"
                + regions
                + "    interface: public\n"
                + "    identity_api_version: 3\n";
    }
}
