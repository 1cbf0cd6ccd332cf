package io.cascadia.core.sites;

import java.util.List;
import java.util.Map;

/**
 * What an administrator can do with sites. Implemented by the cascading layer's site registry, used by the admin
 * API, so the API does not depend on the proxies.
 */
public interface SiteOperations {
    /**
     * Registers the site of a Keystone region: its endpoints must be in the catalog; its availability zones are read
     * from the site when it answers. {@code zoneNames} maps a site AZ to the name users see at the top; zones not
     * in it keep their name. Registering again refreshes the zones.
     *
     * @throws io.cascadia.core.error.OpenStackException BAD_REQUEST when the catalog has no compute endpoint in the region
     */
    Site add(String region, Map<String, String> zoneNames);

    /** Takes a site out of scheduling; what lives there is still served and reconciled. */
    Site disable(String region);

    /** Returns a disabled site to service; it is probed and comes back up when it answers. */
    Site enable(String region);

    List<Site> list();

    /** The site's endpoints from the catalog, by service type. */
    Map<String, String> endpoints(String region);
}
