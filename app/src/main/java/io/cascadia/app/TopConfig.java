package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import io.cascadia.api.identity.IdentityConfig;
import io.cascadia.api.image.ImageApi;
import io.cascadia.cascade.CascadeConfig;
import io.cascadia.cascade.jobs.JobWorkerConfig;
import io.cascadia.cascade.polling.PollConfig;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.store.network.NetworkSegments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the top layer needs to start.
 *
 * @param host address to listen on ({@code server.host})
 * @param port port to listen on, 0 for any ({@code server.port})
 * @param publicUrl the URL clients reach this node at, written into the catalog ({@code server.public-url})
 * @param database the top database ({@code db.*})
 * @param identity the embedded identity service ({@code identity.*})
 * @param external the operator's Keystone when {@code identity.mode=external}, null for the embedded one
 *     ({@code identity.mode=embedded}, the default)
 * @param adminPassword the password of user {@code admin} of the embedded identity ({@code identity.admin-password});
 *     null with an external Keystone; never logged
 * @param servicePassword the password of the service user {@code cascadia} that acts in sites
 *     ({@code sites.service-password}); when absent a new one is set at every start, which suits one node only
 * @param siteRegions regions registered as sites at start ({@code sites.regions}, comma-separated)
 * @param zoneNames per region, the site's zone names and the names users see them by
 *     ({@code sites.<region>.az-map=nova=zone1}; a zone not named keeps its own name)
 * @param siteCalls how sites are probed and called ({@code sites.probe-interval}, {@code sites.connect-timeout},
 *     {@code sites.request-timeout})
 * @param cascade the job worker, pollers and scheduler ({@code jobs.*}, {@code poll.*}, {@code scheduler.*})
 * @param imageSizeCap the most bytes of data one image may have ({@code image.size-cap}, Glance's
 *     {@code image_size_cap}, 1 TiB unless set)
 */
public record TopConfig(String host, int port, String publicUrl, DatabaseConfig database, IdentityConfig identity,
                        ExternalIdentity external, String adminPassword, String servicePassword, List<String> siteRegions,
                        Map<String, Map<String, String>> zoneNames, SiteCalls siteCalls, CascadeConfig cascade,
                        long imageSizeCap) {
    public TopConfig {
        requireNonNull(host, "host is null");
        requireNonNull(database, "database is null");
        requireNonNull(identity, "identity is null");
        requireNonNull(siteCalls, "siteCalls is null");
        requireNonNull(cascade, "cascade is null");
        siteRegions = List.copyOf(siteRegions);
        zoneNames = Map.copyOf(zoneNames);
        if (imageSizeCap < 0) {
            throw new IllegalArgumentException("image.size-cap must not be negative, got: " + imageSizeCap);
        }
        if (external == null && (adminPassword == null || adminPassword.isEmpty())) {
            throw new IllegalArgumentException("identity.admin-password must not be empty");
        }
    }

    /** Whether users authenticate at an operator's Keystone rather than at Cascadia's own. */
    public boolean externalIdentity() {
        return external != null;
    }

    public static TopConfig from(Settings settings, Path dataDir) {
        String host = settings.string("server.host", "127.0.0.1");
        int port = settings.integer("server.port", 5000, 0, 65535);
        String dbUrl = settings.string("db.url", DatabaseConfig.embeddedUrl(dataDir.resolve("db")));
        boolean h2 = dbUrl.startsWith("jdbc:h2:");
        DatabaseConfig database = new DatabaseConfig(dbUrl,
                settings.string("db.user", h2 ? "sa" : ""),
                settings.string("db.password", ""),
                settings.integer("db.max-pool-size", 16, 1, 1000),
                settings.duration("db.list-query-timeout", DatabaseConfig.DEFAULT_LIST_QUERY_TIMEOUT));
        IdentityConfig identity = new IdentityConfig(
                settings.duration("identity.token-expiration", Duration.ofHours(1)),
                settings.integer("identity.password-hash-rounds", IdentityConfig.DEFAULT_ROUNDS, 1_000, 10_000_000),
                settings.duration("identity.token-cache-ttl", Duration.ofSeconds(5)),
                settings.integer("identity.token-cache-size", IdentityConfig.DEFAULT_TOKEN_CACHE_SIZE, 1, 10_000_000),
                failureLimit(settings, "identity.lockout", IdentityConfig.DEFAULT_USER_LOCKOUT),
                failureLimit(settings, "identity.source-lockout", IdentityConfig.DEFAULT_SOURCE_LOCKOUT));
        String mode = settings.string("identity.mode", "embedded");
        if (!mode.equals("embedded") && !mode.equals("external")) {
            throw new IllegalArgumentException("identity.mode must be embedded or external, got: " + mode);
        }
        ExternalIdentity external = mode.equals("external") ? ExternalIdentity.from(settings) : null;
        String adminPassword = settings.string("identity.admin-password", System.getenv("CASCADIA_ADMIN_PASSWORD"));
        if (adminPassword == null && external == null) {
            throw new IllegalArgumentException(
                    "identity.admin-password is not set: give --admin-password, the CASCADIA_ADMIN_PASSWORD variable, or the key in --config");
        }
        JobWorkerConfig defaults = JobWorkerConfig.defaults();
        PollConfig pollDefaults = PollConfig.defaults();
        CascadeConfig cascadeDefaults = CascadeConfig.defaults();
        JobWorkerConfig jobs = new JobWorkerConfig(
                settings.integer("jobs.concurrency", defaults.concurrency(), 1, 10_000),
                settings.integer("jobs.per-site-concurrency", defaults.perSiteConcurrency(), 1, 10_000),
                settings.duration("jobs.lease", defaults.lease()),
                settings.duration("jobs.poll-interval", defaults.pollInterval()),
                settings.integer("jobs.max-attempts", defaults.maxAttempts(), 1, 1_000),
                settings.duration("jobs.backoff", defaults.baseBackoff()),
                settings.duration("jobs.max-backoff", defaults.maxBackoff()),
                settings.duration("jobs.retention", defaults.retention()));
        PollConfig poll = new PollConfig(
                settings.duration("poll.interval", pollDefaults.interval()),
                settings.duration("poll.overlap", pollDefaults.overlap()),
                settings.duration("poll.full-resync", pollDefaults.fullResync()),
                settings.duration("poll.orphan-grace", pollDefaults.orphanGrace()));
        CascadeConfig cascade = new CascadeConfig(jobs, poll,
                settings.duration("scheduler.max-wait", cascadeDefaults.schedulingMaxWait()),
                settings.duration("scheduler.capacity-refresh", cascadeDefaults.capacityRefresh()),
                settings.duration("jobs.copy-claim-lease", cascadeDefaults.claimLease()),
                vniRange(settings, cascadeDefaults.vniRange()));
        List<String> regions = Arrays.stream(settings.string("sites.regions", "").split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).toList();
        Map<String, Map<String, String>> zoneNames = new LinkedHashMap<>();
        for (String region : regions) {
            zoneNames.put(region, settings.map("sites." + region + ".az-map"));
        }
        return new TopConfig(host, port, settings.string("server.public-url", null), database, identity, external,
                adminPassword, settings.string("sites.service-password", System.getenv("CASCADIA_SERVICE_PASSWORD")), regions,
                zoneNames, SiteCalls.from(settings), cascade,
                settings.longInteger("image.size-cap", ImageApi.DEFAULT_SIZE_CAP, 0, Long.MAX_VALUE));
    }

    private static IdentityConfig.FailureLimit failureLimit(Settings settings, String prefix,
                                                            IdentityConfig.FailureLimit defaults) {
        return new IdentityConfig.FailureLimit(
                settings.integer(prefix + "-failure-attempts", defaults.attempts(), 0, 1_000_000),
                settings.duration(prefix + "-duration", defaults.duration()));
    }

    private static NetworkSegments.Range vniRange(Settings settings, NetworkSegments.Range defaults) {
        try {
            return NetworkSegments.Range.parse(settings.string("l2.vni-range", defaults.first() + "-" + defaults.last()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("l2.vni-range: " + e.getMessage(), e);
        }
    }

    /** The public URL, or {@code http://host:port} with the port actually bound. */
    public String publicUrl(int boundPort) {
        return publicUrl != null ? publicUrl : "http://" + host + ":" + boundPort;
    }

    @Override
    public String toString() {
        return "TopConfig[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + ", database=" + database
                + ", external=" + external + ", siteRegions=" + siteRegions + "]";
    }
}
