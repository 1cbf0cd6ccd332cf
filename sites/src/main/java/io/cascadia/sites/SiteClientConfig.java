package io.cascadia.sites;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How Cascadia talks to sites.
 *
 * @param keystoneUrl the Keystone v3 URL where the service user authenticates and whose catalog lists the sites
 *     ({@code sites.keystone-url})
 * @param serviceUser the service user's name ({@code sites.service-user})
 * @param servicePassword its password ({@code sites.service-password}); never logged
 * @param serviceDomain the domain of the user and of the service project ({@code sites.service-domain})
 * @param serviceProject the project the service user reads catalogs and polls in ({@code sites.service-project})
 * @param connectTimeout how long to wait for a connection ({@code sites.connect-timeout})
 * @param requestTimeout how long to wait for an answer ({@code sites.request-timeout})
 * @param maxConcurrentCalls calls in flight to one site at most: the bulkhead ({@code sites.max-concurrent-calls})
 * @param idempotentRetries extra attempts for GET/PUT/DELETE/HEAD on transient failures ({@code sites.retries})
 */
public record SiteClientConfig(String keystoneUrl, String serviceUser, String servicePassword, String serviceDomain,
                               String serviceProject, Duration connectTimeout, Duration requestTimeout,
                               int maxConcurrentCalls, int idempotentRetries) {
    public SiteClientConfig {
        requireNonNull(keystoneUrl, "keystoneUrl is null");
        requireNonNull(serviceUser, "serviceUser is null");
        requireNonNull(servicePassword, "servicePassword is null");
        requireNonNull(serviceDomain, "serviceDomain is null");
        requireNonNull(serviceProject, "serviceProject is null");
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("sites.max-concurrent-calls must be at least 1, got: " + maxConcurrentCalls);
        }
        if (idempotentRetries < 0) {
            throw new IllegalArgumentException("sites.retries must not be negative, got: " + idempotentRetries);
        }
    }

    @Override
    public String toString() {
        return "SiteClientConfig[keystoneUrl=" + keystoneUrl + ", serviceUser=" + serviceUser + ", serviceProject="
                + serviceProject + ", maxConcurrentCalls=" + maxConcurrentCalls + "]";
    }
}
