package io.cascadia.bench.toplist;

import java.util.Optional;

/**
 * The same list asked straight from one site, to compare the top against. The emulated site is built in parallel;
 * until it is wired in, {@link #NONE} reports absolute numbers only.
 */
@FunctionalInterface
interface ListBaseline {
    ListBaseline NONE = query -> Optional.empty();

    /** The p99 in milliseconds of {@code GET /servers/detail?<query>} against the baseline, if there is one. */
    Optional<Double> p99Millis(String query);
}
