package io.cascadia.cascade.polling;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.concurrent.Shutdowns;
import io.cascadia.core.sites.Site;
import io.cascadia.core.sites.SiteState;
import io.cascadia.sites.SiteException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the pollers of every site that is up, one poll at a time per site, each on its own virtual thread so a slow
 * site never delays another. A site is resynced in full on its first poll, every {@code fullResync}, and after it
 * comes back from degraded; in between, polls fetch only changes. Degraded sites are not polled: their resources
 * keep their last known status.
 */
public final class SitePollers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SitePollers.class);

    private final SiteRegistry sites;
    private final ServerStatusSync servers;
    private final PortStatusSync ports;
    private final VolumeStatusSync volumes;
    private final PollConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService polls;
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastFull = new ConcurrentHashMap<>();
    private final Map<String, SiteState> lastState = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastItems = new ConcurrentHashMap<>();
    private final Map<String, Integer> fullResyncs = new ConcurrentHashMap<>();
    private final DistributionSummary itemsPerPoll;

    public SitePollers(SiteRegistry sites, ServerStatusSync servers, PortStatusSync ports, VolumeStatusSync volumes,
                       PollConfig config, Clock clock, MeterRegistry meters) {
        this.sites = requireNonNull(sites, "sites is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.ports = requireNonNull(ports, "ports is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.itemsPerPoll = DistributionSummary.builder("cascadia.poll.items")
                .description("Items a delta poll fetched from a site (servers, ports and volumes)").register(meters);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("site-pollers").daemon().factory());
        this.polls = Executors.newVirtualThreadPerTaskExecutor();
        timer.scheduleWithFixedDelay(this::tick, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Items the last poll of the site fetched (servers, ports and volumes), for the poll-cost benchmark. */
    public int lastPollItems(String region) {
        return lastItems.getOrDefault(region, 0);
    }

    /** How many full resyncs of the site have completed since start. */
    public int fullResyncs(String region) {
        return fullResyncs.getOrDefault(region, 0);
    }

    private void tick() {
        try {
            for (Site site : sites.list()) {
                SiteState previous = lastState.put(site.region(), site.state());
                if (site.state() != SiteState.UP) {
                    continue;
                }
                boolean cameBack = previous != null && previous != SiteState.UP;
                AtomicBoolean busy = running.computeIfAbsent(site.region(), r -> new AtomicBoolean());
                if (busy.compareAndSet(false, true)) {
                    polls.execute(() -> {
                        Thread.currentThread().setName("poll-" + site.region());
                        try {
                            poll(site.region(), cameBack);
                        } finally {
                            busy.set(false);
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("poll round failed: {}", e.toString());
        }
    }

    private void poll(String region, boolean cameBack) {
        MDC.put("request_id", "poll-" + region);
        try {
            Instant now = clock.instant();
            Instant previousFull = lastFull.get(region);
            boolean full = cameBack || previousFull == null || previousFull.plus(config.fullResync()).isBefore(now);
            int[] counts = {pollKind(region, "servers", () -> servers.poll(region, full)),
                    pollKind(region, "ports", () -> ports.poll(region, full)),
                    pollKind(region, "volumes", () -> volumes.poll(region, full))};
            int items = Math.max(0, counts[0]) + Math.max(0, counts[1]) + Math.max(0, counts[2]);
            // A resync is done only when every kind was listed; else the next round is a full one again.
            if (full && counts[0] >= 0 && counts[1] >= 0 && counts[2] >= 0) {
                lastFull.put(region, now);
                fullResyncs.merge(region, 1, Integer::sum);
                LOG.info("full resync of site {}: {} servers, ports and volumes", region, items);
            } else if (!full) {
                itemsPerPoll.record(items);
                lastItems.put(region, items);
            }
        } catch (SiteException e) {
            LOG.info("poll of site {} failed: {}", region, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("poll of site {} failed", region, e);
        } finally {
            MDC.remove("request_id");
        }
    }

    /**
     * One kind's poll, returning how many items it read, or -1 when the site refused it: a refusal does not keep the
     * other kinds from being polled (an outage still does).
     */
    private static int pollKind(String region, String kind, java.util.function.IntSupplier poll) {
        try {
            return poll.getAsInt();
        } catch (SiteException.Rejected e) {
            LOG.info("poll of the {} of site {} was refused: {}", kind, region, e.getMessage());
            return -1;
        }
    }

    /** Stops polling and waits for the polls in flight, so none writes to a database that is closing. */
    @Override
    public void close() {
        Shutdowns.stop(timer, polls);
    }
}
