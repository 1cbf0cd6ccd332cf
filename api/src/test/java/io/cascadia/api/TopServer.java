package io.cascadia.api;

import io.cascadia.api.identity.IdentityApi;
import io.cascadia.api.identity.IdentityBootstrap;
import io.cascadia.api.identity.IdentityConfig;
import io.cascadia.api.identity.PasswordHasher;
import io.cascadia.api.identity.TokenService;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.User;
import io.cascadia.store.Database;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.ApiModule;
import io.cascadia.web.HttpServer;
import io.cascadia.web.PlatformApi;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The top layer's HTTP server for tests: embedded identity plus the modules a test adds, on a loopback port over a
 * given database, bootstrapped with user {@code admin} (admin on project {@code admin}) and user {@code demo}
 * (member on project {@code demo}).
 */
public final class TopServer implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-secret-1";
    public static final String DEMO_PASSWORD = "demo-secret-1";

    public final Database database;
    public final HttpServer server;
    public final MutableClock clock;
    public final TokenService tokens;
    public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final Project demoProject;
    public final User demoUser;

    public TopServer(DatabaseConfig config, MutableClock clock) {
        this(config, clock, database -> List.of());
    }

    public TopServer(DatabaseConfig config, MutableClock clock, Function<Database, List<ApiModule>> modules) {
        this(config, clock, identityConfig(), modules);
    }

    public TopServer(DatabaseConfig config, MutableClock clock, IdentityConfig identityConfig) {
        this(config, clock, identityConfig, database -> List.of());
    }

    public TopServer(DatabaseConfig config, MutableClock clock, IdentityConfig identityConfig,
                     Function<Database, List<ApiModule>> modules) {
        this.clock = clock;
        this.database = Database.open(config, meters);
        IdentityRepositories repositories = IdentityRepositories.of(database.jdbi());
        PasswordHasher hasher = new PasswordHasher(1_000);
        tokens = new TokenService(repositories, identityConfig, hasher, clock);
        IdentityBootstrap bootstrap = new IdentityBootstrap(repositories, hasher);
        bootstrap.ensureBase();
        Project adminProject = bootstrap.ensureProject("admin", "");
        bootstrap.grantOnProject(bootstrap.ensureUser("admin", ADMIN_PASSWORD, adminProject), adminProject, Role.ADMIN);
        demoProject = bootstrap.ensureProject("demo", "");
        demoUser = bootstrap.ensureUser("demo", DEMO_PASSWORD, demoProject);
        bootstrap.grantOnProject(demoUser, demoProject, Role.MEMBER);
        HttpServer.Builder builder = HttpServer.builder("top-test")
                .port(0)
                .meters(meters)
                .tokenValidator(tokens)
                .module(new PlatformApi(meters, Map.of("database", () -> true)))
                .module(new IdentityApi(repositories, tokens, hasher));
        modules.apply(database).forEach(builder::module);
        server = builder.start();
        bootstrap.ensureRegion("Cascading", "");
        bootstrap.ensureEndpoint("Cascading", "identity", "keystone", url() + "/v3");
        bootstrap.ensureRegion("site1", "");
        bootstrap.ensureEndpoint("site1", "volumev3", "cinderv3", "http://127.0.0.1:9/volume/v3/$(project_id)s");
    }

    /** The defaults, with cheap password hashes. */
    public static IdentityConfig identityConfig() {
        IdentityConfig defaults = IdentityConfig.defaults();
        return new IdentityConfig(defaults.tokenExpiration(), 1_000, defaults.tokenCacheTtl(), defaults.tokenCacheSize(),
                defaults.userLockout(), defaults.sourceLockout());
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
