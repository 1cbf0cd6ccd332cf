package io.cascadia.bench.toplist;

import java.util.Optional;

/** The same list asked straight from one site, to compare the top against. */
@FunctionalInterface
interface ListBaseline {
    /** The p99 in milliseconds of {@code GET /servers/detail?<query>} against the baseline, if there is one. */
    Optional<Double> p99Millis(String query);
}
