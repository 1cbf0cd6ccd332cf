package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The typed client of one cascaded site (a Keystone region): Nova, Neutron, Cinder and Glance through their public
 * REST APIs, acting in a given project as Cascadia's service user. Endpoints come from the catalog by region (URL
 * mapping). One client per site: its own connection pool and bulkhead, so a slow site never starves the others.
 * Thread-safe.
 */
public final class SiteClient implements AutoCloseable {
    /** The newest Nova microversion Cascadia speaks; a site's maximum may be lower. */
    public static final String PREFERRED_COMPUTE_VERSION = "2.79";

    private final String region;
    private final SiteHttp http;
    private final ServiceTokens tokens;
    private final AtomicReference<String> computeVersion = new AtomicReference<>();

    public SiteClient(String region, SiteClientConfig config, SiteHealthListener health, Clock clock) {
        this.region = region;
        this.http = new SiteHttp(region, config, health);
        this.tokens = new ServiceTokens(config.keystoneUrl(), config, clock);
    }

    public String region() {
        return region;
    }

    /** Nova acting in {@code projectId}; {@code null} acts in the service project (with its admin rights). */
    public NovaApi nova(String projectId) {
        return new NovaApi(calls("compute", projectId, "", Map.of("OpenStack-API-Version", "compute " + computeVersion())));
    }

    public NeutronApi neutron(String projectId) {
        return new NeutronApi(calls("network", projectId, "/v2.0", Map.of()));
    }

    public CinderApi cinder(String projectId) {
        return new CinderApi(calls("volumev3", projectId, "", Map.of()));
    }

    public GlanceApi glance(String projectId) {
        return new GlanceApi(calls("image", projectId, "/v2", Map.of()));
    }

    /** The id of the service project, the project Cascadia's cloud-wide copies (public images) belong to. */
    public String serviceProjectId() {
        return tokens.session(null).projectId();
    }

    /**
     * The site's endpoints as the catalog lists them for its region (service type → URL), read with the service
     * project's token. Empty when the catalog has no such region.
     */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String type : new String[] {"identity", "compute", "network", "volumev3", "image"}) {
            tokens.session(null).endpoint(type, region).ifPresent(uri -> endpoints.put(type, uri.toString()));
        }
        return endpoints;
    }

    /**
     * The Nova microversion used with this site: the lower of the site's maximum (from its version document) and
     * {@link #PREFERRED_COMPUTE_VERSION}. Read once, then cached.
     */
    public String computeVersion() {
        String known = computeVersion.get();
        if (known != null) {
            return known;
        }
        String siteMax = computeMaxVersion().orElse("2.1");
        String chosen = compareVersions(siteMax, PREFERRED_COMPUTE_VERSION) < 0 ? siteMax : PREFERRED_COMPUTE_VERSION;
        computeVersion.compareAndSet(null, chosen);
        return computeVersion.get();
    }

    /** The site's maximum Nova microversion from its version document, if it publishes one. */
    private Optional<String> computeMaxVersion() {
        return maxVersion(http.send("GET", computeVersionDocument(), Map.of(), null));
    }

    /**
     * Asks the site once, without retrying, whether it answers: its Nova version document within one request
     * timeout. Returns the maximum microversion it publishes, if any.
     *
     * @throws SiteException.Unreachable when it does not answer in time
     * @throws SiteException.Rejected when it answers with an error
     */
    public Optional<String> probe() {
        return maxVersion(http.probe(computeVersionDocument()));
    }

    private URI computeVersionDocument() {
        return URI.create(calls("compute", null, "", Map.of()).endpoint() + "/");
    }

    private static Optional<String> maxVersion(SiteResponse response) {
        JsonNode version = response.json().path("version");
        String max = version.path("version").asText("");
        return max.isEmpty() ? Optional.empty() : Optional.of(max);
    }

    private ServiceCalls calls(String type, String projectId, String versionPrefix, Map<String, String> headers) {
        return new ServiceCalls(http, tokens, type, projectId, versionPrefix, headers);
    }

    /** Orders microversions numerically: 2.9 before 2.10. */
    public static int compareVersions(String left, String right) {
        String[] l = left.split("\\.");
        String[] r = right.split("\\.");
        int major = Integer.compare(Integer.parseInt(l[0]), Integer.parseInt(r[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(l[1]), Integer.parseInt(r[1]));
    }

    @Override
    public void close() {
        http.close();
        tokens.close();
    }

    @Override
    public String toString() {
        return "SiteClient[" + region + "]";
    }
}
