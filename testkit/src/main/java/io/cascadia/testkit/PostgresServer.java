package io.cascadia.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server on loopback for tests, one per JVM, started on first use from the Debian packages
 * ({@code /usr/lib/postgresql/<version>/bin}) and stopped when the JVM exits. As root, the server runs as the
 * {@code postgres} user, because PostgreSQL refuses to run as root.
 *
 * <p>Without the binaries the calling test is skipped with a reason, unless {@code CASCADIA_REQUIRE_POSTGRES=1}
 * (set by {@code ./cascadia test}, which installs them), in which case it fails.
 */
public final class PostgresServer {
    private static final String USER = "cascadia";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer instance;

    private final int port;

    private PostgresServer(int port) {
        this.port = port;
    }

    /** The JVM's server, started on first call. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    public String user() {
        return USER;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start() {
        Path bin = findBinaries();
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("cascadia-pg-");
            Path data = dir.resolve("data");
            int port = freePort();
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()));
            }
            run(asServerUser(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")));
            run(asServerUser(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                    "-l", dir.resolve("server.log").toString(),
                    "-o", "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off -c synchronous_commit=off"
                            + " -c full_page_writes=off -c max_connections=200",
                    "start")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(asServerUser(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop")));
                    deleteTree(dir);
                } catch (IOException | RuntimeException e) {
                    System.err.println("could not stop the test PostgreSQL server: " + e.getMessage());
                }
            }));
            return new PostgresServer(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL from " + bin, e);
        }
    }

    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        Path bin = null;
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                bin = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
            } catch (IOException e) {
                bin = null;
            }
        }
        if (bin == null) {
            String reason = "PostgreSQL server binaries not found under /usr/lib/postgresql; ./cascadia test installs them";
            if ("1".equals(System.getenv("CASCADIA_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        return bin;
    }

    private static List<String> asServerUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("command failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
