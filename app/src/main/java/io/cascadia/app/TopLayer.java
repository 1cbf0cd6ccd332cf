package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import io.cascadia.api.admin.AdminApi;
import io.cascadia.api.compute.ComputeApi;
import io.cascadia.api.identity.ExternalIdentityApi;
import io.cascadia.api.identity.IdentityApi;
import io.cascadia.api.identity.IdentityBootstrap;
import io.cascadia.api.identity.PasswordHasher;
import io.cascadia.api.identity.TokenService;
import io.cascadia.api.image.ImageApi;
import io.cascadia.api.network.NetworkApi;
import io.cascadia.api.volume.VolumeApi;
import io.cascadia.cascade.CascadeLayer;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.cascade.sites.SiteHealthMonitor;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Region;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.User;
import io.cascadia.sites.KeystoneClient;
import io.cascadia.sites.SiteClientConfig;
import io.cascadia.sites.SiteException;
import io.cascadia.store.Database;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.jobs.Jobs;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.sites.SiteZones;
import io.cascadia.store.sites.Sites;
import io.cascadia.web.ApiModule;
import io.cascadia.web.ApiVersion;
import io.cascadia.web.HttpServer;
import io.cascadia.web.PlatformApi;
import io.cascadia.web.RemoteTokenValidator;
import io.cascadia.web.TokenValidator;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cascading layer of one node: the top database, the embedded identity service, the OpenStack APIs and the
 * admin API on one port, the site registry with its health monitor, and the job worker. Starting it migrates the
 * database and bootstraps identity (users admin and cascadia, region Cascading with this node's endpoints);
 * closing it stops everything in reverse order.
 */
public final class TopLayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopLayer.class);
    /** The service user that acts in sites on behalf of projects. */
    public static final String SERVICE_USER = "cascadia";

    private final Database database;
    private final HttpServer server;
    private final IdentityBootstrap identity;
    private final SiteRegistry sites;
    private final SiteHealthMonitor health;
    private final CascadeLayer cascade;
    private final String publicUrl;

    private TopLayer(Database database, HttpServer server, IdentityBootstrap identity, SiteRegistry sites,
                     SiteHealthMonitor health, CascadeLayer cascade, String publicUrl) {
        this.database = database;
        this.server = server;
        this.identity = identity;
        this.sites = sites;
        this.health = health;
        this.cascade = cascade;
        this.publicUrl = publicUrl;
    }

    public static TopLayer start(TopConfig config) {
        return start(config, FaultPoints.NONE);
    }

    /** Starts with fault points armed by crash tests. */
    public static TopLayer start(TopConfig config, FaultPoints faults) {
        requireNonNull(config, "config is null");
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);

        int port = config.port() == 0 ? freePort() : config.port();
        String publicUrl = config.publicUrl(port);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Database database = Database.open(config.database(), meters);
            opened.add(database);
            IdentityRepositories repositories = IdentityRepositories.of(database.jdbi());
            PasswordHasher hasher = new PasswordHasher(config.identity().passwordHashRounds());
            TokenService tokens = new TokenService(repositories, config.identity(), hasher, clock);
            IdentityBootstrap identity = new IdentityBootstrap(repositories, hasher);
            SiteClientConfig siteClients;
            TokenValidator validator;
            ApiModule identityApi;
            KeystoneClient keystone = null;
            if (config.externalIdentity()) {
                ExternalIdentity external = config.external();
                siteClients = config.siteCalls().clientConfig(external.keystoneUrl(), external.serviceUser(),
                        external.servicePassword(), external.serviceDomain(), external.serviceProject());
                keystone = new KeystoneClient(siteClients, clock);
                opened.add(keystone);
                validator = new RemoteTokenValidator(external.keystoneUrl(), HttpClient.newHttpClient(), clock,
                        serviceToken(keystone), config.identity().tokenCacheTtl(), config.identity().tokenCacheSize());
                identityApi = new ExternalIdentityApi(external.keystoneUrl());
            } else {
                String servicePassword = bootstrapIdentity(identity, tokens, config, publicUrl);
                siteClients = config.siteCalls().clientConfig(publicUrl + "/v3", SERVICE_USER, servicePassword, "Default",
                        "service");
                validator = tokens;
                identityApi = new IdentityApi(repositories, tokens, hasher);
            }
            SiteRegistry sites = new SiteRegistry(new Sites(database.jdbi()), siteClients, clock);
            opened.add(sites);
            Jobs jobs = new Jobs(database.jdbi());
            JobQueue queue = new JobQueue(database.jdbi(), clock);
            SiteZones zones = new SiteZones(database.jdbi());
            QuotaLimits quotaLimits = new QuotaLimits(database.jdbi());
            NetworkApi network = new NetworkApi(NetworkRepositories.of(database.jdbi()), quotaLimits, zones, clock);
            Supplier<ApiVersion> computeMax = () -> sites.lowestComputeMaxVersion()
                    .map(ApiVersion::parse)
                    .filter(version -> version.compareTo(ComputeApi.DEFAULT_MAX) < 0)
                    .orElse(ComputeApi.DEFAULT_MAX);
            ComputeApi compute = new ComputeApi(new ComputeApi.Dependencies(database.jdbi(), config.database().isPostgres(),
                    network, zones, queue, quotaLimits, clock, config.database().listQueryTimeout()), computeMax);

            Map<String, BooleanSupplier> checks = Map.of("database",
                    () -> database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1);
            HttpServer server = HttpServer.builder("cascadia-top")
                    .host(config.host())
                    .port(port)
                    .meters(meters)
                    .tokenValidator(validator)
                    .module(new PlatformApi(meters, checks))
                    .module(identityApi)
                    .module(compute)
                    .module(network)
                    .module(new VolumeApi(database.jdbi(), zones, queue, clock))
                    .module(new ImageApi(database.jdbi(), clock, config.imageSizeCap()))
                    .module(new AdminApi(sites, new RoutingTable(database.jdbi()), jobs, clock))
                    .start();
            opened.add(server);
            Map<String, Map.Entry<String, String>> endpoints = endpoints(publicUrl);
            if (keystone == null) {
                endpoints.forEach((type, endpoint) -> identity.ensureEndpoint(Region.CASCADING, type, endpoint.getKey(), endpoint.getValue()));
            } else {
                checkServiceUser(keystone, config.external());
                if (config.external().registerEndpoints()) {
                    // The Keystone itself is listed in Cascadia's region too, so that identity commands of clients
                    // pointed at the region (openstack --os-region-name Cascading project list) find it.
                    endpoints.put("identity", Map.entry("keystone", config.external().keystoneUrl()));
                    keystone.registerEndpoints(config.external().region(), endpoints);
                }
            }

            for (String region : config.siteRegions()) {
                sites.add(region, config.zoneNames().getOrDefault(region, Map.of()));
            }
            SiteHealthMonitor health = new SiteHealthMonitor(sites, config.siteCalls().probeInterval());
            opened.add(health);
            CascadeLayer cascade = CascadeLayer.start(database.jdbi(), config.database().isPostgres(), sites, config.cascade(),
                    clock, meters, faults);
            opened.add(cascade);
            LOG.info("top layer ready at {}", publicUrl);
            return new TopLayer(database, server, identity, sites, health, cascade, publicUrl);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** This node's endpoints by service type: (service name, URL). */
    private static Map<String, Map.Entry<String, String>> endpoints(String publicUrl) {
        Map<String, Map.Entry<String, String>> endpoints = new LinkedHashMap<>();
        endpoints.put("compute", Map.entry("nova", publicUrl + "/compute/v2.1"));
        endpoints.put("network", Map.entry("neutron", publicUrl + "/networking"));
        endpoints.put("volumev3", Map.entry("cinderv3", publicUrl + "/volume/v3/$(project_id)s"));
        endpoints.put("image", Map.entry("glance", publicUrl + "/image"));
        endpoints.put("cascadia", Map.entry("cascadia", publicUrl + "/cascadia/v1"));
        return endpoints;
    }

    /**
     * The service user acts in each project's name in the sites, so it needs a role in every project: one inherited
     * role assignment on its domain. Without it, the work of each project it has no role in ends with a fault that
     * names the assignment; say so once here.
     */
    private static void checkServiceUser(KeystoneClient keystone, ExternalIdentity external) {
        try {
            if (!keystone.hasInheritedRoleOnDomain()) {
                LOG.warn("service user {} has no inherited role on domain {}: it can act only in projects it has a role in;"
                        + " give it one everywhere with `openstack role add --user {} --user-domain {} --domain {} --inherited admin`",
                        external.serviceUser(), external.serviceDomain(), external.serviceUser(), external.serviceDomain(),
                        external.serviceDomain());
            }
        } catch (SiteException e) {
            LOG.warn("could not check the role assignments of service user {}: {}", external.serviceUser(), e.getMessage());
        }
    }

    private static RemoteTokenValidator.ServiceToken serviceToken(KeystoneClient keystone) {
        return new RemoteTokenValidator.ServiceToken() {
            @Override
            public String get() {
                return keystone.serviceToken();
            }

            @Override
            public void invalidate() {
                keystone.forgetServiceToken();
            }
        };
    }

    /** Admin and service users, their projects and roles, and region Cascading's identity endpoint. */
    private static String bootstrapIdentity(IdentityBootstrap identity, TokenService tokens, TopConfig config, String publicUrl) {
        identity.ensureBase();
        Project adminProject = identity.ensureProject("admin", "Bootstrap project for the cloud administrator");
        User admin = identity.ensureUser("admin", config.adminPassword(), adminProject);
        identity.grantOnProject(admin, adminProject, Role.ADMIN);

        String servicePassword = config.servicePassword();
        if (servicePassword == null) {
            servicePassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            LOG.info("sites.service-password is not set: user {} got a new password for this run (fine for one node)", SERVICE_USER);
        }
        Project serviceProject = identity.ensureProject("service", "Cascadia's service project");
        User service = identity.ensureUser(SERVICE_USER, servicePassword, serviceProject);
        // Its name is public: failed passwords by anyone must not lock it out and stop the proxies.
        tokens.exemptFromLockout(service.id());
        identity.grantOnProject(service, serviceProject, Role.ADMIN);
        identity.grantOnProject(service, serviceProject, Role.SERVICE);
        // The proxies act in every project's name in the sites.
        identity.grantOnAllProjects(service, Role.ADMIN);

        identity.ensureRegion(Region.CASCADING, "Cascadia's own endpoints");
        identity.ensureEndpoint(Region.CASCADING, "identity", "keystone", publicUrl + "/v3");
        return servicePassword;
    }

    public String publicUrl() {
        return publicUrl;
    }

    /** The embedded identity service's bootstrap; with an external Keystone its tables stay empty (users live there). */
    public IdentityBootstrap identity() {
        return identity;
    }

    public Database database() {
        return database;
    }

    public SiteRegistry sites() {
        return sites;
    }

    public CascadeLayer cascade() {
        return cascade;
    }

    @Override
    public void close() {
        closeAll(List.of(database, sites, server, health, cascade));
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
