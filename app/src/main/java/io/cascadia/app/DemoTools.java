package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The commands the demo's printed steps use: the {@code openstack} CLI, and with a dataplane {@code ip},
 * {@code bridge}, {@code ping} and {@code nc}. Before the demo says it is ready, the missing ones are installed from
 * Debian's packages when this is root with {@code apt-get} (as {@code ./cascadia test} does), or the exact command
 * that installs them is printed.
 */
final class DemoTools {
    /** A command and the Debian package that has it. */
    record Tool(String command, String debianPackage) {
    }

    static final List<Tool> CLI = List.of(new Tool("openstack", "python3-openstackclient"));
    static final List<Tool> DATAPLANE = List.of(new Tool("ip", "iproute2"), new Tool("bridge", "iproute2"),
            new Tool("ping", "iputils-ping"), new Tool("nc", "netcat-openbsd"));

    private final List<Path> path;
    private final boolean root;

    DemoTools(List<Path> path, boolean root) {
        this.path = List.copyOf(requireNonNull(path, "path is null"));
        this.root = root;
    }

    /** The tools as this process finds them: its {@code PATH}, and whether it runs as root. */
    static DemoTools ofThisProcess() {
        List<Path> path = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                path.add(Path.of(dir));
            }
        }
        return new DemoTools(path, "root".equals(System.getProperty("user.name")));
    }

    /** The packages of the tools that are not on the path, each once. */
    Set<String> missingPackages(boolean dataplane) {
        Set<String> missing = new LinkedHashSet<>();
        List<Tool> wanted = new ArrayList<>(CLI);
        if (dataplane) {
            wanted.addAll(DATAPLANE);
        }
        for (Tool tool : wanted) {
            if (path.stream().noneMatch(dir -> Files.isExecutable(dir.resolve(tool.command())))) {
                missing.add(tool.debianPackage());
            }
        }
        return missing;
    }

    /** The command that installs the packages. */
    static String installCommand(Set<String> packages) {
        return "apt-get update && apt-get install -y --no-install-recommends " + String.join(" ", packages);
    }

    /**
     * Installs what is missing when it can (root with {@code apt-get}), saying so on {@code out}; otherwise prints
     * the command that would. Returns the packages still missing afterwards.
     */
    Set<String> ensure(boolean dataplane, PrintStream out) {
        Set<String> missing = missingPackages(dataplane);
        if (missing.isEmpty()) {
            return missing;
        }
        boolean apt = path.stream().anyMatch(dir -> Files.isExecutable(dir.resolve("apt-get")));
        if (!root || !apt) {
            out.println("The steps below need " + String.join(", ", missing) + ", which this machine lacks. Install them with:");
            out.println("  sudo sh -c '" + installCommand(missing) + "'");
            return missing;
        }
        out.println("Installing " + String.join(", ", missing) + " from Debian's packages (the steps below use them)...");
        if (!run("apt-get", "update", "-qq") || !run(concat(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"), missing))) {
            out.println("Installing failed; install them with: " + installCommand(missing));
        }
        return missingPackages(dataplane);
    }

    private static String[] concat(List<String> command, Set<String> packages) {
        List<String> all = new ArrayList<>(command);
        all.addAll(packages);
        return all.toArray(String[]::new);
    }

    private static boolean run(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            return process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
