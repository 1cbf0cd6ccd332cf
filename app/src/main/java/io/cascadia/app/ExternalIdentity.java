package io.cascadia.app;

import static java.util.Objects.requireNonNull;

/**
 * Cascadia in front of an operator's regions that share one Keystone ({@code identity.mode=external}): users
 * authenticate there, Cascadia validates their tokens with its service user's token, acts in the sites as that user
 * and, when asked, registers its own endpoints there.
 *
 * @param keystoneUrl       the Keystone's v3 URL ({@code identity.keystone-url})
 * @param serviceUser       Cascadia's service user there ({@code identity.service-user})
 * @param servicePassword   its password ({@code identity.service-password}); never logged
 * @param serviceDomain     the domain of the user and its project ({@code identity.service-domain}, default {@code Default})
 * @param serviceProject    the user's own project ({@code identity.service-project}, default {@code service})
 * @param region            the region Cascadia's endpoints are listed under ({@code identity.region}, default {@code Cascading})
 * @param registerEndpoints whether Cascadia creates its compute, network, volumev3 and image endpoints under its
 *                          region at start ({@code identity.register-endpoints}); the service user then needs the
 *                          admin role
 */
public record ExternalIdentity(String keystoneUrl, String serviceUser, String servicePassword, String serviceDomain,
                               String serviceProject, String region, boolean registerEndpoints) {
    public ExternalIdentity {
        requireNonNull(keystoneUrl, "identity.keystone-url is not set (identity.mode=external needs it)");
        requireNonNull(serviceUser, "identity.service-user is not set (identity.mode=external needs it)");
        requireNonNull(servicePassword, "identity.service-password is not set (identity.mode=external needs it)");
        requireNonNull(serviceDomain, "serviceDomain is null");
        requireNonNull(serviceProject, "serviceProject is null");
        requireNonNull(region, "region is null");
        if (!keystoneUrl.startsWith("http://") && !keystoneUrl.startsWith("https://")) {
            throw new IllegalArgumentException("identity.keystone-url must be an http(s) URL, got: " + keystoneUrl);
        }
    }

    static ExternalIdentity from(Settings settings) {
        return new ExternalIdentity(v3(settings.string("identity.keystone-url", null)),
                settings.string("identity.service-user", null),
                settings.string("identity.service-password", System.getenv("CASCADIA_SERVICE_PASSWORD")),
                settings.string("identity.service-domain", "Default"),
                settings.string("identity.service-project", "service"),
                settings.string("identity.region", "Cascading"),
                settings.bool("identity.register-endpoints", false));
    }

    /** The URL with {@code /v3} at its end, as the service user's calls need it; null stays null. */
    private static String v3(String url) {
        if (url == null) {
            return null;
        }
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith("/v3") ? base : base + "/v3";
    }

    @Override
    public String toString() {
        return "ExternalIdentity[keystoneUrl=" + keystoneUrl + ", serviceUser=" + serviceUser + ", region=" + region
                + ", registerEndpoints=" + registerEndpoints + "]";
    }
}
