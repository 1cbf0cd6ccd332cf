package io.cascadia.store.sites;

import io.cascadia.core.sites.AvailabilityZone;
import io.cascadia.core.sites.Site;
import io.cascadia.core.sites.SiteState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The site registry: sites by region, their health and their availability zones. */
public final class Sites {
    private final Jdbi jdbi;

    public Sites(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Registers a site, or replaces its zones when it exists; its state is kept. Returns true when it was new. */
    public boolean register(String region, List<AvailabilityZone> zones, Instant now) {
        return jdbi.inTransaction(h -> {
            boolean created = h.createUpdate("""
                            insert into site (region, state, state_since, created_at) values (:region, 'up', :now, :now)
                            on conflict do nothing""")
                    .bind("region", region).bind("now", now).execute() > 0;
            h.createUpdate("delete from site_az where region = :region").bind("region", region).execute();
            for (AvailabilityZone zone : zones) {
                h.createUpdate("insert into site_az (region, site_az, top_az) values (:region, :siteAz, :topAz)")
                        .bind("region", region).bind("siteAz", zone.siteName()).bind("topAz", zone.topName()).execute();
            }
            return created;
        });
    }

    public Optional<Site> find(String region) {
        return list().stream().filter(site -> site.region().equals(region)).findFirst();
    }

    public List<Site> list() {
        return jdbi.withHandle(h -> {
            Map<String, List<AvailabilityZone>> zones = h.createQuery("select region, site_az, top_az from site_az order by top_az")
                    .map((rs, ctx) -> new AvailabilityZone(rs.getString("top_az"), rs.getString("region"), rs.getString("site_az")))
                    .stream()
                    .collect(Collectors.groupingBy(AvailabilityZone::region));
            List<Site> sites = new ArrayList<>();
            h.createQuery("select * from site order by region")
                    .map((rs, ctx) -> new Site(rs.getString("region"),
                            SiteState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                            rs.getTimestamp("state_since").toInstant(), rs.getString("last_error"),
                            rs.getTimestamp("created_at").toInstant(),
                            zones.getOrDefault(rs.getString("region"), List.of())))
                    .forEach(sites::add);
            return List.copyOf(sites);
        });
    }

    /**
     * Moves a site to {@code state} if it is in {@code from}; the time changes only when the state flips.
     * Returns whether it moved.
     */
    public boolean transition(String region, SiteState from, SiteState to, String error, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        update site set state = :to, state_since = :now, last_error = :error
                        where region = :region and state = :from""")
                .bind("region", region).bind("from", from.wire()).bind("to", to.wire())
                .bind("error", error).bind("now", now).execute()) > 0;
    }

    /** Records the latest error of a degraded site without touching its state or since. */
    public void noteError(String region, String error) {
        jdbi.useHandle(h -> h.createUpdate("update site set last_error = :error where region = :region and state = 'degraded'")
                .bind("region", region).bind("error", error).execute());
    }

    public boolean delete(String region) {
        return jdbi.withHandle(h -> h.createUpdate("delete from site where region = :region").bind("region", region).execute()) > 0;
    }
}
