package io.cascadia.bench;

import io.cascadia.bench.toplist.TopListBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./cascadia bench <name>}: one subcommand per benchmark. */
@Command(name = "cascadia bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. Each prints a table and writes JSON under bench-results/, with ratios against a"
                + " baseline measured in the same run.",
        subcommands = {SitesBenchmark.class, ServersBenchmark.class, TopListBench.class, FdbBenchmark.class,
            L2popBenchmark.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
