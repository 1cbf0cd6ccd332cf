package io.cascadia.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code openstack} command (python-openstackclient), run against a {@code clouds.yaml}. Tests using it
 * are skipped with a reason when it is not installed, unless {@code CASCADIA_REQUIRE_OPENSTACK_CLI=1} (set by
 * {@code ./cascadia test}, which installs it), in which case they fail.
 */
public final class OpenstackCli {
    private final Path cloudsYaml;

    public OpenstackCli(Path cloudsYaml) {
        this.cloudsYaml = cloudsYaml;
        if (!installed()) {
            String reason = "the openstack CLI (python3-openstackclient) is not installed; ./cascadia test installs it";
            if ("1".equals(System.getenv("CASCADIA_REQUIRE_OPENSTACK_CLI"))) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
    }

    /** What one command printed, and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {
        public JsonNode json() {
            return Json.read(stdout);
        }

        public Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("openstack exited " + exitCode + ":\n" + stderr + stdout);
            }
            return this;
        }
    }

    /** Runs {@code openstack --os-cloud <cloud> <args...> -f json}, which must succeed, and reads what it printed. */
    public JsonNode json(String cloud, String... args) {
        String[] withFormat = java.util.Arrays.copyOf(args, args.length + 2);
        withFormat[args.length] = "-f";
        withFormat[args.length + 1] = "json";
        return run(cloud, withFormat).assertSucceeded().json();
    }

    /** Runs {@code openstack --os-cloud <cloud> <args...>}. */
    public Result run(String cloud, String... args) {
        List<String> command = new ArrayList<>(List.of("openstack", "--os-cloud", cloud));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("OS_"));
        builder.environment().put("OS_CLIENT_CONFIG_FILE", cloudsYaml.toString());
        try {
            Path out = Files.createTempFile("openstack-out", ".txt");
            Path err = Files.createTempFile("openstack-err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openstack " + String.join(" ", args) + " did not finish in 120 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openstack", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "openstack"))) {
                return true;
            }
        }
        return false;
    }
}
