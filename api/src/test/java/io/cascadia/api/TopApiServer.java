package io.cascadia.api;

import io.cascadia.api.compute.ComputeApi;
import io.cascadia.api.identity.IdentityApi;
import io.cascadia.api.identity.IdentityBootstrap;
import io.cascadia.api.identity.IdentityConfig;
import io.cascadia.api.identity.PasswordHasher;
import io.cascadia.api.identity.TokenService;
import io.cascadia.api.image.ImageApi;
import io.cascadia.api.network.NetworkApi;
import io.cascadia.api.volume.VolumeApi;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.store.Database;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.testkit.WireClient;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.HttpServer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole top API (identity, compute, network, volume, image) on a loopback port over a given database, with
 * three users: {@code admin} (admin of project {@code admin}), {@code alice} (member of {@code alpha}) and
 * {@code bob} (member of {@code beta}), so tests can check isolation between projects.
 */
public final class TopApiServer implements AutoCloseable {
    public static final String PASSWORD = "secret-password-1";

    public final Database database;
    public final Project alpha;
    public final Project beta;
    /** Nova's advertised maximum; tests move it to see negotiation follow the sites. */
    public final AtomicReference<ApiVersion> computeMax = new AtomicReference<>(ComputeApi.DEFAULT_MAX);
    private final HttpServer server;
    private final WireClient client;

    public TopApiServer(DatabaseConfig config) {
        this(config, ImageApi.DEFAULT_SIZE_CAP);
    }

    /** A top whose Glance refuses image data over {@code imageSizeCap} bytes. */
    public TopApiServer(DatabaseConfig config, long imageSizeCap) {
        this.database = Database.open(config, null);
        Clock clock = Clock.systemUTC();
        IdentityRepositories repositories = IdentityRepositories.of(database.jdbi());
        PasswordHasher hasher = new PasswordHasher(1_000);
        TokenService tokens = new TokenService(repositories, TopServer.identityConfig(),
                hasher, clock);
        IdentityBootstrap bootstrap = new IdentityBootstrap(repositories, hasher);
        bootstrap.ensureBase();
        Project admin = bootstrap.ensureProject("admin", "");
        bootstrap.grantOnProject(bootstrap.ensureUser("admin", PASSWORD, admin), admin, Role.ADMIN);
        alpha = bootstrap.ensureProject("alpha", "");
        bootstrap.grantOnProject(bootstrap.ensureUser("alice", PASSWORD, alpha), alpha, Role.MEMBER);
        beta = bootstrap.ensureProject("beta", "");
        bootstrap.grantOnProject(bootstrap.ensureUser("bob", PASSWORD, beta), beta, Role.MEMBER);
        SiteZones zones = new SiteZones(database.jdbi());
        JobQueue jobs = new JobQueue(database.jdbi(), clock);
        QuotaLimits quotas = new QuotaLimits(database.jdbi());
        NetworkApi network = new NetworkApi(NetworkRepositories.of(database.jdbi()), quotas, zones, clock);
        server = HttpServer.builder("top-api-test")
                .port(0)
                .tokenValidator(tokens)
                .module(new IdentityApi(repositories, tokens, hasher))
                .module(new ComputeApi(new ComputeApi.Dependencies(database.jdbi(), config.isPostgres(), network, zones, jobs,
                        quotas, clock, config.listQueryTimeout()), computeMax::get))
                .module(network)
                .module(new VolumeApi(database.jdbi(), zones, jobs, clock))
                .module(new ImageApi(database.jdbi(), clock, imageSizeCap))
                .start();
        bootstrap.ensureRegion("Cascading", "");
        bootstrap.ensureEndpoint("Cascading", "identity", "keystone", url() + "/v3");
        bootstrap.ensureEndpoint("Cascading", "compute", "nova", url() + "/compute/v2.1");
        bootstrap.ensureEndpoint("Cascading", "network", "neutron", url() + "/networking");
        bootstrap.ensureEndpoint("Cascading", "volumev3", "cinderv3", url() + "/volume/v3/$(project_id)s");
        bootstrap.ensureEndpoint("Cascading", "image", "glance", url() + "/image");
        client = new WireClient(url());
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireClient client() {
        return client;
    }

    /** A project-scoped token of the user on the project. */
    public String token(String user, String project) {
        WireClient.Answer answer = client.send("POST", "/v3/auth/tokens", Map.of(), """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"id": "default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}}}""".formatted(user, PASSWORD, project));
        if (answer.status() != 201) {
            throw new AssertionError("token issue failed: " + answer.status() + " " + answer.text());
        }
        return answer.header("X-Subject-Token").orElseThrow();
    }

    /** Registers a site with availability zones, as the sites issue will (table site and site_az). */
    public void addSite(String region, String... zonesOfSite) {
        database.jdbi().useTransaction(h -> {
            h.createUpdate("insert into site (region, state, state_since, created_at) values (:r, 'up', :now, :now)")
                    .bind("r", region).bind("now", Instant.now()).execute();
            for (String zone : zonesOfSite) {
                h.createUpdate("insert into site_az (region, site_az, top_az) values (:r, :z, :z)")
                        .bind("r", region).bind("z", zone).execute();
            }
        });
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
