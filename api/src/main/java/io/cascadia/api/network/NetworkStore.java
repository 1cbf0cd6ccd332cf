package io.cascadia.api.network;

import io.cascadia.store.compute.ServerAddressCache;
import io.cascadia.store.network.NetworkRepositories;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.store.sites.SiteZones;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * What the Neutron handlers share: the repositories, quotas, the sites' zones, the clock, and the address caches of
 * servers, which follow their ports.
 */
record NetworkStore(NetworkRepositories repositories, QuotaLimits quotaLimits, SiteZones zones, Clock clock,
                    ServerAddressCache serverAddresses) {
    Jdbi jdbi() {
        return repositories.jdbi();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
