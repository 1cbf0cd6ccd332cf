package io.cascadia.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark; prints a table and writes JSON under bench-results/.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return NotYetAvailable.report("bench", "benchmarks land with the emulated site and the top API");
    }
}
