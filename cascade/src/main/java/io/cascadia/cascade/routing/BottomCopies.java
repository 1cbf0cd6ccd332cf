package io.cascadia.cascade.routing;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.jobs.FaultPoint;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.store.routing.CreateClaim;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Get-or-create of bottom copies, safe against crashes and concurrent workers (DESIGN §2). The routing row is
 * claimed first, as a lease; when an earlier claimant may have reached the site, the claimant first looks for a copy
 * named {@code name@<top id>} (the recovery path after a crash between "site created it" and "routing row written")
 * and adopts it, else creates it; then records the bottom id. A copy the routing table knows but the site no longer
 * has is forgotten and made again.
 */
public final class BottomCopies {
    private static final Logger LOG = LoggerFactory.getLogger(BottomCopies.class);
    private static final Duration VERIFIED_FOR = Duration.ofSeconds(30);

    private final RoutingTable routing;
    private final Clock clock;
    private final Duration claimLease;
    private final FaultPoints faults;
    private final java.util.Map<String, Instant> verified = new java.util.concurrent.ConcurrentHashMap<>();

    public BottomCopies(RoutingTable routing, Clock clock, Duration claimLease, FaultPoints faults) {
        this.routing = requireNonNull(routing, "routing is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.claimLease = requireNonNull(claimLease, "claimLease is null");
        this.faults = requireNonNull(faults, "faults is null");
    }

    /** How to find, check and make one bottom copy. */
    public record Recipe(Predicate<String> exists, Supplier<Optional<String>> adopt, Supplier<String> create) {
    }

    /**
     * The bottom id of the copy of {@code topId} in {@code region}, adopting or creating it as needed. For copies that
     * several jobs may need at once (networks, flavors, images): a claim another worker holds makes this wait.
     *
     * @throws CopyInProgress when another worker holds the claim
     */
    public String ensure(String topId, ResourceKind kind, String region, Recipe recipe) {
        return ensure(topId, kind, region, recipe, now().minus(claimLease));
    }

    /**
     * Like {@link #ensure}, for copies only one job makes (a server and its own ports: jobs on one resource run one
     * at a time): a {@code creating} row older than {@code claimedAt}, when the current job was claimed, is this
     * job's own, left by an earlier attempt or by placement; a younger one means a second run of the job (its lease
     * was lost) is at work.
     */
    public String ensureOwned(String topId, ResourceKind kind, String region, Recipe recipe, Instant claimedAt) {
        return ensure(topId, kind, region, recipe, claimedAt);
    }

    private String ensure(String topId, ResourceKind kind, String region, Recipe recipe, Instant staleBefore) {
        for (int round = 0; round < 2; round++) {
            CreateClaim claim = routing.claimCreate(topId, kind, region, now(), staleBefore);
            switch (claim) {
                case CreateClaim.Exists exists -> {
                    if (recentlyVerified(kind, exists.bottomId(), region) || recipe.exists().test(exists.bottomId())) {
                        verified.put(kind + "/" + region + "/" + exists.bottomId(), now());
                        return exists.bottomId();
                    }
                    LOG.warn("{} {} lost its copy {} in {}; making it again", kind, topId, exists.bottomId(), region);
                    routing.remove(topId, kind, region);
                }
                case CreateClaim.Busy busy -> throw new CopyInProgress(kind + " " + topId + " in " + region);
                case CreateClaim.Mine mine -> {
                    faults.reached(FaultPoint.BEFORE_SITE_CALL, kind + " " + topId);
                    // Only a claim some earlier attempt held can have left a copy to adopt; looking costs a site query.
                    Optional<String> adopted = mine.mayExist() ? recipe.adopt().get() : Optional.empty();
                    String bottomId = adopted.orElseGet(recipe.create());
                    faults.reached(FaultPoint.AFTER_SITE_CALL, kind + " " + topId);
                    routing.markActive(topId, kind, region, bottomId, now());
                    LOG.info("{} {} in {}: {} bottom copy {}", kind, topId, region, adopted.isPresent() ? "adopted" : "created", bottomId);
                    return bottomId;
                }
            }
        }
        throw new IllegalStateException(kind + " " + topId + " in " + region + " could not be made");
    }

    /**
     * Whether the copy was seen in its site within the last {@link #VERIFIED_FOR}: a network or flavor that a burst of
     * builds all need is checked once, not once per build. A copy deleted behind Cascadia's back meanwhile makes the
     * next site call fail and retry, after which it is checked again.
     */
    private boolean recentlyVerified(ResourceKind kind, String bottomId, String region) {
        Instant at = verified.get(kind + "/" + region + "/" + bottomId);
        return at != null && at.plus(VERIFIED_FOR).isAfter(now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
