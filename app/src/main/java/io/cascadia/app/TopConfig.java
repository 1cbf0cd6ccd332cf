package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import io.cascadia.api.identity.IdentityConfig;
import io.cascadia.store.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the top layer needs to start.
 *
 * @param host address to listen on ({@code server.host})
 * @param port port to listen on, 0 for any ({@code server.port})
 * @param publicUrl the URL clients reach this node at, written into the catalog ({@code server.public-url})
 * @param database the top database ({@code db.*})
 * @param identity the embedded identity service ({@code identity.*})
 * @param adminPassword the password of user {@code admin} ({@code identity.admin-password}); never logged
 */
public record TopConfig(String host, int port, String publicUrl, DatabaseConfig database, IdentityConfig identity,
                        String adminPassword) {
    public TopConfig {
        requireNonNull(host, "host is null");
        requireNonNull(database, "database is null");
        requireNonNull(identity, "identity is null");
        requireNonNull(adminPassword, "adminPassword is null");
        if (adminPassword.isEmpty()) {
            throw new IllegalArgumentException("identity.admin-password must not be empty");
        }
    }

    public static TopConfig from(Settings settings, Path dataDir) {
        String host = settings.string("server.host", "127.0.0.1");
        int port = settings.integer("server.port", 5000, 0, 65535);
        String dbUrl = settings.string("db.url", DatabaseConfig.embeddedUrl(dataDir.resolve("db")));
        boolean h2 = dbUrl.startsWith("jdbc:h2:");
        DatabaseConfig database = new DatabaseConfig(dbUrl,
                settings.string("db.user", h2 ? "sa" : ""),
                settings.string("db.password", ""),
                settings.integer("db.max-pool-size", 16, 1, 1000));
        IdentityConfig identity = new IdentityConfig(
                settings.duration("identity.token-expiration", Duration.ofHours(1)),
                settings.integer("identity.password-hash-rounds", IdentityConfig.DEFAULT_ROUNDS, 1_000, 10_000_000),
                settings.duration("identity.token-cache-ttl", Duration.ofSeconds(5)));
        String adminPassword = settings.string("identity.admin-password", System.getenv("CASCADIA_ADMIN_PASSWORD"));
        if (adminPassword == null) {
            throw new IllegalArgumentException(
                    "identity.admin-password is not set: give --admin-password, the CASCADIA_ADMIN_PASSWORD variable, or the key in --config");
        }
        return new TopConfig(host, port, settings.string("server.public-url", null), database, identity, adminPassword);
    }

    /** The public URL, or {@code http://host:port} with the port actually bound. */
    public String publicUrl(int boundPort) {
        return publicUrl != null ? publicUrl : "http://" + host + ":" + boundPort;
    }

    @Override
    public String toString() {
        return "TopConfig[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + ", database=" + database + "]";
    }
}
