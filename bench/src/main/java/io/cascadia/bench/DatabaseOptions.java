package io.cascadia.bench;

import io.cascadia.app.Settings;
import picocli.CommandLine.Option;

/** Which database a benchmark's top layer runs on: H2 in a temporary directory unless a JDBC URL is given. */
public final class DatabaseOptions {
    @Option(names = "--db-url", description = "jdbc:postgresql://... to run on PostgreSQL; default: H2 in a temporary directory")
    String url;

    @Option(names = "--db-user", defaultValue = "", description = "database user")
    String user;

    @Option(names = "--db-password", defaultValue = "", description = "database password")
    String password;

    /** Adds the database settings when a URL was given; {@code h2Url} is used otherwise (null: the top's default). */
    public Settings applyTo(Settings settings, String h2Url) {
        if (url == null) {
            return settings.with("db.url", h2Url);
        }
        return settings.with("db.url", url).with("db.user", user).with("db.password", password);
    }
}
