package io.cascadia.app.admin;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A cloud's credentials from a {@code clouds.yaml}, as the openstack CLI finds them: the file named by
 * {@code OS_CLIENT_CONFIG_FILE}, else {@code .cascadia/clouds.yaml} in the working directory.
 */
record CloudCredentials(String authUrl, String username, String password, String projectName, String userDomain,
                        String projectDomain) {

    @SuppressWarnings("unchecked")
    static CloudCredentials load(String cloud) {
        String configured = System.getenv("OS_CLIENT_CONFIG_FILE");
        Path file = configured != null ? Path.of(configured) : Path.of(".cascadia", "clouds.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no clouds.yaml at " + file.toAbsolutePath()
                    + " (set OS_CLIENT_CONFIG_FILE, or run from the directory where ./cascadia demo runs)");
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Map<String, Object> clouds = (Map<String, Object>) root.get("clouds");
            Map<String, Object> entry = clouds == null ? null : (Map<String, Object>) clouds.get(cloud);
            if (entry == null) {
                throw new IllegalArgumentException("cloud " + cloud + " is not in " + file.toAbsolutePath());
            }
            Map<String, Object> auth = (Map<String, Object>) entry.get("auth");
            return new CloudCredentials(str(auth, "auth_url"), str(auth, "username"), str(auth, "password"),
                    str(auth, "project_name"), strOr(auth, "user_domain_name", "Default"),
                    strOr(auth, "project_domain_name", "Default"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String str(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("clouds.yaml lacks auth." + key);
        }
        return value.toString();
    }

    private static String strOr(Map<String, Object> map, String key, String fallback) {
        Object value = map.get(key);
        return value == null ? fallback : value.toString();
    }

    @Override
    public String toString() {
        return "CloudCredentials[authUrl=" + authUrl + ", username=" + username + ", projectName=" + projectName + "]";
    }
}
