package io.cascadia.store.network;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The VXLAN id (VNI) of each top network, allocated at the top so that every site's copy of a network uses the same
 * one (DESIGN §4). Allocation takes the next id after the highest in the range, so a freed id is not handed out
 * again soon (a site may still hold the old network's copy); only when the range's end is reached are gaps reused.
 * Safe against concurrent allocations on any number of nodes: the unique index decides, the loser tries again.
 */
public final class NetworkSegments {
    private static final int ATTEMPTS = 20;

    private final Jdbi jdbi;

    /** The ids Cascadia may give networks; keep it out of every site's own tenant VNI ranges. */
    public record Range(int first, int last) {
        public Range {
            if (first < 1 || last > 16_777_215 || first > last) {
                throw new IllegalArgumentException("a VNI range must lie within 1-16777215 and not be empty, got: " + first + "-" + last);
            }
        }

        /** Parses {@code first-last}, e.g. {@code 1000000-1999999}. */
        public static Range parse(String text) {
            String[] parts = text.trim().split("-");
            try {
                if (parts.length == 2) {
                    return new Range(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // reported below with the text
            }
            throw new IllegalArgumentException("a VNI range is FIRST-LAST, e.g. 1000000-1999999, got: " + text);
        }
    }

    public NetworkSegments(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Integer> find(String networkId) {
        return jdbi.withHandle(h -> find(h, networkId));
    }

    /**
     * The network's VNI, allocated now if it has none.
     *
     * @throws IllegalStateException when every id of the range is taken
     */
    public int vniOf(String networkId, Range range, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Integer> allocated = jdbi.inTransaction(h -> {
                Optional<Integer> existing = find(h, networkId);
                if (existing.isPresent()) {
                    return existing;
                }
                int candidate = next(h, range).orElseThrow(() -> new IllegalStateException(
                        "no free VNI left in " + range.first() + "-" + range.last() + " for network " + networkId));
                h.createUpdate("""
                                insert into network_segment (network_id, vni, created_at) values (:networkId, :vni, :now)
                                on conflict do nothing""")
                        .bind("networkId", networkId).bind("vni", candidate).bind("now", now).execute();
                return find(h, networkId);
            });
            if (allocated.isPresent()) {
                return allocated.get();
            }
        }
        throw new IllegalStateException("could not allocate a VNI for network " + networkId + " after " + ATTEMPTS + " attempts");
    }

    private static Optional<Integer> find(Handle h, String networkId) {
        return h.createQuery("select vni from network_segment where network_id = :networkId")
                .bind("networkId", networkId).mapTo(Integer.class).findOne();
    }

    private static Optional<Integer> next(Handle h, Range range) {
        Integer highest = h.createQuery("select max(vni) from network_segment where vni between :first and :last")
                .bind("first", range.first()).bind("last", range.last()).mapTo(Integer.class).one();
        if (highest == null) {
            return Optional.of(range.first());
        }
        if (highest < range.last()) {
            return Optional.of(highest + 1);
        }
        boolean firstFree = h.createQuery("select count(*) from network_segment where vni = :first")
                .bind("first", range.first()).mapTo(Integer.class).one() == 0;
        if (firstFree) {
            return Optional.of(range.first());
        }
        return Optional.ofNullable(h.createQuery("""
                        select min(s.vni + 1) from network_segment s
                        where s.vni >= :first and s.vni < :last
                          and not exists (select 1 from network_segment t where t.vni = s.vni + 1)""")
                .bind("first", range.first()).bind("last", range.last()).mapTo(Integer.class).one());
    }
}
