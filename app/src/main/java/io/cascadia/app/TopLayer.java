package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import io.cascadia.api.compute.ComputeApi;
import io.cascadia.api.identity.IdentityApi;
import io.cascadia.api.identity.IdentityBootstrap;
import io.cascadia.api.identity.PasswordHasher;
import io.cascadia.api.identity.TokenService;
import io.cascadia.api.image.ImageApi;
import io.cascadia.api.network.NetworkApi;
import io.cascadia.api.volume.VolumeApi;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Region;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.User;
import io.cascadia.store.Database;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.web.ApiVersion;
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
import java.util.function.Supplier;
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

    /** Starts with Nova's maximum microversion fixed at {@link ComputeApi#DEFAULT_MAX}. */
    public static TopLayer start(TopConfig config) {
        return start(config, () -> ComputeApi.DEFAULT_MAX);
    }

    /**
     * Starts the top layer.
     *
     * @param computeMaxVersion the highest Nova microversion to advertise, read on every request (the lowest maximum
     *     of the registered sites once sites are wired in)
     */
    public static TopLayer start(TopConfig config, Supplier<ApiVersion> computeMaxVersion) {
        requireNonNull(config, "config is null");
        requireNonNull(computeMaxVersion, "computeMaxVersion is null");
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

            Clock clock = Clock.systemUTC();
            SiteZones zones = new SiteZones(database.jdbi());
            JobQueue jobs = new JobQueue(database.jdbi(), clock);
            QuotaLimits quotaLimits = new QuotaLimits(database.jdbi());
            NetworkApi network = new NetworkApi(NetworkRepositories.of(database.jdbi()), quotaLimits, zones, clock);
            ComputeApi compute = new ComputeApi(new ComputeApi.Dependencies(database.jdbi(), config.database().isPostgres(),
                    network, zones, jobs, quotaLimits, clock), computeMaxVersion);
            Map<String, BooleanSupplier> checks = Map.of("database",
                    () -> database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1);
            HttpServer server = HttpServer.builder("cascadia-top")
                    .host(config.host())
                    .port(config.port())
                    .meters(meters)
                    .tokenValidator(tokens)
                    .module(new PlatformApi(meters, checks))
                    .module(new IdentityApi(repositories, tokens, hasher))
                    .module(compute)
                    .module(network)
                    .module(new VolumeApi(database.jdbi(), zones, jobs, clock))
                    .module(new ImageApi(database.jdbi(), clock))
                    .start();
            String publicUrl = config.publicUrl(server.port());
            identity.ensureRegion(Region.CASCADING, "Cascadia's own endpoints");
            identity.ensureEndpoint(Region.CASCADING, "identity", "keystone", publicUrl + "/v3");
            identity.ensureEndpoint(Region.CASCADING, "compute", "nova", publicUrl + "/compute/v2.1");
            identity.ensureEndpoint(Region.CASCADING, "network", "neutron", publicUrl + "/networking");
            identity.ensureEndpoint(Region.CASCADING, "volumev3", "cinderv3", publicUrl + "/volume/v3/$(project_id)s");
            identity.ensureEndpoint(Region.CASCADING, "image", "glance", publicUrl + "/image");
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
