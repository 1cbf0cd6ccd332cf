package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import io.cascadia.api.identity.IdentityApi;
import io.cascadia.api.identity.IdentityBootstrap;
import io.cascadia.api.identity.PasswordHasher;
import io.cascadia.api.identity.TokenService;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Region;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.User;
import io.cascadia.store.Database;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.HttpServer;
import io.cascadia.web.PlatformApi;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cascading layer of one node: the top database, the embedded identity service and the OpenStack APIs on one
 * port. Starting it migrates the database and bootstraps identity (admin user and project, region
 * {@code Cascading} with this node's endpoints); closing it stops the server and the pool.
 */
public final class TopLayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopLayer.class);

    private final Database database;
    private final HttpServer server;
    private final IdentityBootstrap identity;
    private final String publicUrl;

    private TopLayer(Database database, HttpServer server, IdentityBootstrap identity, String publicUrl) {
        this.database = database;
        this.server = server;
        this.identity = identity;
        this.publicUrl = publicUrl;
    }

    public static TopLayer start(TopConfig config) {
        requireNonNull(config, "config is null");
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);

        Database database = Database.open(config.database(), meters);
        try {
            IdentityRepositories repositories = IdentityRepositories.of(database.jdbi());
            PasswordHasher hasher = new PasswordHasher(config.identity().passwordHashRounds());
            TokenService tokens = new TokenService(repositories, config.identity(), hasher, Clock.systemUTC());
            IdentityBootstrap identity = new IdentityBootstrap(repositories, hasher);
            identity.ensureBase();
            Project adminProject = identity.ensureProject("admin", "Bootstrap project for the cloud administrator");
            User admin = identity.ensureUser("admin", config.adminPassword(), adminProject);
            identity.grantOnProject(admin, adminProject, Role.ADMIN);

            Map<String, BooleanSupplier> checks = Map.of("database",
                    () -> database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1);
            HttpServer server = HttpServer.builder("cascadia-top")
                    .host(config.host())
                    .port(config.port())
                    .meters(meters)
                    .tokenValidator(tokens)
                    .module(new PlatformApi(meters, checks))
                    .module(new IdentityApi(repositories, tokens, hasher))
                    .start();
            String publicUrl = config.publicUrl(server.port());
            identity.ensureRegion(Region.CASCADING, "Cascadia's own endpoints");
            identity.ensureEndpoint(Region.CASCADING, "identity", "keystone", publicUrl + "/v3");
            LOG.info("top layer ready at {}", publicUrl);
            return new TopLayer(database, server, identity, publicUrl);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public String publicUrl() {
        return publicUrl;
    }

    public IdentityBootstrap identity() {
        return identity;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
