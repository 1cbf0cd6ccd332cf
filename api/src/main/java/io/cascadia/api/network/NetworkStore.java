package io.cascadia.api.network;

import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.store.sites.SiteZones;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;

/** What the Neutron handlers share: the repositories, quotas, the sites' zones and the clock. */
record NetworkStore(NetworkRepositories repositories, QuotaLimits quotaLimits, SiteZones zones, Clock clock) {
    Jdbi jdbi() {
        return repositories.jdbi();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
