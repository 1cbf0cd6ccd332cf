package io.cascadia.app;

import static java.util.Objects.requireNonNull;

import io.cascadia.sites.SiteClientConfig;
import java.time.Duration;

/**
 * How the top calls its sites.
 *
 * @param probeInterval how often every site is probed ({@code sites.probe-interval})
 * @param connectTimeout how long to wait for a connection to a site ({@code sites.connect-timeout})
 * @param requestTimeout how long to wait for a site's answer ({@code sites.request-timeout}); a site that answers
 *     nothing within it counts as unreachable and is degraded
 */
public record SiteCalls(Duration probeInterval, Duration connectTimeout, Duration requestTimeout) {
    private static final int MAX_CONCURRENT_CALLS = 32;
    private static final int IDEMPOTENT_RETRIES = 2;

    public SiteCalls {
        requireNonNull(probeInterval, "probeInterval is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        for (Duration positive : new Duration[] {probeInterval, connectTimeout, requestTimeout}) {
            if (positive.isNegative() || positive.isZero()) {
                throw new IllegalArgumentException("sites.probe-interval, sites.connect-timeout and sites.request-timeout"
                        + " must be positive, got: " + probeInterval + ", " + connectTimeout + ", " + requestTimeout);
            }
        }
    }

    /** The site client's configuration for a service user, with these timeouts. */
    SiteClientConfig clientConfig(String keystoneUrl, String user, String password, String domain, String project) {
        return new SiteClientConfig(keystoneUrl, user, password, domain, project, connectTimeout, requestTimeout,
                MAX_CONCURRENT_CALLS, IDEMPOTENT_RETRIES);
    }

    static SiteCalls from(Settings settings) {
        return new SiteCalls(settings.duration("sites.probe-interval", Duration.ofSeconds(2)),
                settings.duration("sites.connect-timeout", Duration.ofSeconds(3)),
                settings.duration("sites.request-timeout", Duration.ofSeconds(30)));
    }
}
