package io.cascadia.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the top database lives. The embedded default is an H2 file in PostgreSQL mode; a
 * {@code jdbc:postgresql:} URL selects a PostgreSQL server, the engine for several Cascadia nodes.
 *
 * @param url JDBC URL ({@code db.url})
 * @param user database user, may be empty for H2 ({@code db.user})
 * @param password database password, never logged ({@code db.password})
 * @param maxPoolSize connection pool size ({@code db.max-pool-size})
 * @param listQueryTimeout how long one page of a list filtered by the request may run before it is cancelled and
 *     its connection goes back to the pool ({@code db.list-query-timeout}, whole seconds, at least one)
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize, Duration listQueryTimeout) {
    /** {@link #listQueryTimeout} unless configured. */
    public static final Duration DEFAULT_LIST_QUERY_TIMEOUT = Duration.ofSeconds(5);

    public DatabaseConfig {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(listQueryTimeout, "listQueryTimeout is null");
        if (listQueryTimeout.toSeconds() < 1 || listQueryTimeout.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("db.list-query-timeout must be a whole number of seconds, at least 1, got: "
                    + listQueryTimeout);
        }
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("db.url must be a jdbc:h2: or jdbc:postgresql: URL, got: " + url);
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("db.max-pool-size must be at least 1, got: " + maxPoolSize);
        }
    }

    /** A database with the default {@link #listQueryTimeout}. */
    public DatabaseConfig(String url, String user, String password, int maxPoolSize) {
        this(url, user, password, maxPoolSize, DEFAULT_LIST_QUERY_TIMEOUT);
    }

    /** This database with another {@link #listQueryTimeout}. */
    public DatabaseConfig withListQueryTimeout(Duration timeout) {
        return new DatabaseConfig(url, user, password, maxPoolSize, timeout);
    }

    /** The embedded H2 database in {@code directory}, in PostgreSQL mode so SQL is written once. */
    public static DatabaseConfig embedded(Path directory) {
        return new DatabaseConfig(embeddedUrl(directory), "sa", "", 16);
    }

    /** A private in-memory H2 database, for tests. */
    public static DatabaseConfig inMemory(String name) {
        return new DatabaseConfig("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;" + H2_MODE, "sa", "", 16);
    }

    /**
     * The embedded database's URL. {@code WRITE_DELAY=0} writes every commit to the file before answering, so an
     * answered request survives the process being killed (H2 otherwise batches commits for up to half a second).
     */
    public static String embeddedUrl(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("cascadia") + ";" + H2_MODE + ";WRITE_DELAY=0";
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** PostgreSQL mode, so SQL is written once; closed by Cascadia itself, after the work that uses it has stopped. */
    /** PostgreSQL's dialect; a row lock is waited for up to 60 s, as PostgreSQL waits: H2's 2 s fails bursts of creates in one project. */
    private static final String H2_MODE = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"
            + ";LOCK_TIMEOUT=60000";

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", maxPoolSize=" + maxPoolSize
                + ", listQueryTimeout=" + listQueryTimeout + "]";
    }
}
