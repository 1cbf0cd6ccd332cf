package io.cascadia.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options shared by commands that start the top layer; each maps to a configuration key. */
final class ServerOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with configuration keys (see README).")
    Path config;

    @Option(names = "--host", description = "Address to listen on (server.host, default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to listen on (server.port, default 5000).")
    Integer port;

    @Option(names = "--public-url", description = "URL clients use to reach this node (server.public-url).")
    String publicUrl;

    @Option(names = "--db-url", description = "JDBC URL of the top database (db.url): jdbc:h2:... or jdbc:postgresql://...")
    String dbUrl;

    @Option(names = "--db-user", description = "Database user (db.user).")
    String dbUser;

    @Option(names = "--db-password", description = "Database password (db.password); prefer the config file.")
    String dbPassword;

    @Option(names = "--data-dir", defaultValue = ".cascadia",
            description = "Directory for the embedded database, logs and clouds.yaml (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    Settings settings() {
        return Settings.load(config)
                .with("server.host", host)
                .with("server.port", port)
                .with("server.public-url", publicUrl)
                .with("db.url", dbUrl)
                .with("db.user", dbUser)
                .with("db.password", dbPassword);
    }
}
