package io.cascadia.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Listed for --help; the ./cascadia launcher runs benchmarks from the bench module, which depends on this one. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark (./cascadia bench --help lists them); prints a table and writes JSON under bench-results/.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cascadia bench: run it through the launcher: ./cascadia bench --help");
        return Main.NOT_AVAILABLE;
    }
}
