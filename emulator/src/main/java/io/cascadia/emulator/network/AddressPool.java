package io.cascadia.emulator.network;

import io.cascadia.emulator.network.IpAddresses.Address;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses of one subnet: which are taken, and the next free one of its allocation pools, found by a cursor
 * that moves forward and wraps, so allocating is O(1) until the pools are nearly full. Not thread-safe: Neutron's
 * write lock guards it.
 */
final class AddressPool {
    /** How many candidates one allocation looks at before declaring the pools exhausted (IPv6 pools never are). */
    private static final int MAX_PROBES = 1 << 20;

    private final int version;
    private final List<Range> ranges;
    private final Set<BigInteger> used = new HashSet<>();
    private int rangeIndex;
    private BigInteger cursor;

    /** An inclusive range of addresses. */
    record Range(BigInteger start, BigInteger end) {
        BigInteger size() {
            return end.subtract(start).add(BigInteger.ONE);
        }
    }

    AddressPool(int version, List<Range> ranges) {
        this.version = version;
        this.ranges = List.copyOf(ranges);
        this.cursor = ranges.isEmpty() ? BigInteger.ZERO : ranges.getFirst().start();
    }

    /** The next free address of the pools, taken; empty when every address is in use. */
    Optional<String> allocate() {
        if (ranges.isEmpty()) {
            return Optional.empty();
        }
        BigInteger total = BigInteger.ZERO;
        for (Range range : ranges) {
            total = total.add(range.size());
        }
        long probes = total.min(BigInteger.valueOf(MAX_PROBES)).longValue();
        for (long i = 0; i < probes; i++) {
            BigInteger candidate = cursor;
            advance();
            if (used.add(candidate)) {
                return Optional.of(IpAddresses.format(version, candidate));
            }
        }
        return Optional.empty();
    }

    private void advance() {
        Range range = ranges.get(rangeIndex);
        if (cursor.compareTo(range.end()) < 0) {
            cursor = cursor.add(BigInteger.ONE);
        } else {
            rangeIndex = (rangeIndex + 1) % ranges.size();
            cursor = ranges.get(rangeIndex).start();
        }
    }

    /** Takes a given address; false when it is already in use. */
    boolean take(Address address) {
        return used.add(address.value());
    }

    void release(String ip) {
        IpAddresses.parse(ip).ifPresent(address -> used.remove(address.value()));
    }

    int usedCount() {
        return used.size();
    }
}
