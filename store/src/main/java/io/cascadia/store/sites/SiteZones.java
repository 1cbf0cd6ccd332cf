package io.cascadia.store.sites;

import io.cascadia.core.sites.AvailabilityZone;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The availability zones of registered sites, as the top shows them. */
public final class SiteZones {
    private final Jdbi jdbi;

    public SiteZones(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every zone of every site, disabled or degraded sites included (their resources still live there). */
    public List<AvailabilityZone> list() {
        return jdbi.withHandle(h -> h.createQuery("select top_az, region, site_az from site_az order by top_az, region")
                .map((rs, ctx) -> new AvailabilityZone(rs.getString("top_az"), rs.getString("region"), rs.getString("site_az")))
                .list());
    }

    /** Zones of sites that can take new resources now (state {@code up}). */
    public List<AvailabilityZone> listAvailable() {
        return jdbi.withHandle(h -> h.createQuery("""
                        select z.top_az, z.region, z.site_az from site_az z join site s on s.region = z.region
                        where s.state = 'up' order by z.top_az, z.region""")
                .map((rs, ctx) -> new AvailabilityZone(rs.getString("top_az"), rs.getString("region"), rs.getString("site_az")))
                .list());
    }
}
