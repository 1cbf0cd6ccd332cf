package io.cascadia.cascade.sites;

import io.cascadia.core.concurrent.Shutdowns;
import io.cascadia.core.sites.Site;
import io.cascadia.core.sites.SiteState;
import io.cascadia.sites.SiteException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every site that is not disabled at a fixed interval (one cheap call, not retried), so a site that stops
 * answering is degraded within an interval and a request timeout even when no work goes to it, and comes back up as
 * soon as it answers.
 * Also picks up state changes made by other nodes.
 */
public final class SiteHealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteHealthMonitor.class);

    private final SiteRegistry registry;
    private final ScheduledExecutorService timer;
    private final ExecutorService probes;

    public SiteHealthMonitor(SiteRegistry registry, Duration interval) {
        this.registry = registry;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("site-health").daemon().factory());
        this.probes = Executors.newVirtualThreadPerTaskExecutor();
        timer.scheduleWithFixedDelay(this::probeAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeAll() {
        try {
            registry.refresh();
            for (Site site : registry.list()) {
                if (site.state() != SiteState.DISABLED) {
                    probes.execute(() -> {
                        Thread.currentThread().setName("probe-" + site.region());
                        probe(site.region());
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("site health round failed: {}", e.toString());
        }
    }

    private void probe(String region) {
        try {
            registry.probe(region);
        } catch (SiteException.Unreachable e) {
            // the registry has been told by the client
        } catch (SiteException.Rejected e) {
            LOG.warn("site {} answered its probe with {}: {}", region, e.status(), e.faultMessage());
        } catch (RuntimeException e) {
            LOG.warn("probe of site {} failed: {}", region, e.toString());
        }
    }

    /** Stops probing and waits for the probes in flight, so none writes to a database that is closing. */
    @Override
    public void close() {
        Shutdowns.stop(timer, probes);
    }
}
