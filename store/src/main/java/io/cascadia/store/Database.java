package io.cascadia.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The top database: a pooled data source, migrated by Flyway on open, reached through one {@link Jdbi}.
 * Repositories take the {@code Jdbi}; transactions are opened by the service layer with
 * {@code inTransaction}/{@code useTransaction}.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens the pool and brings the schema to the newest migration. */
    public static Database open(DatabaseConfig config, MeterRegistry meters) {
        requireNonNull(config, "config is null");
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setPoolName("cascadia-db");
        hikari.setConnectionTimeout(10_000);
        if (meters != null) {
            hikari.setMetricRegistry(meters);
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            if (!config.isPostgres()) {
                Jdbi.create(dataSource).useHandle(H2Functions::install);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info("database ready: {}", config);
        return new Database(config, dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DatabaseConfig config() {
        return config;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
