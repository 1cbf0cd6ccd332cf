package io.cascadia.bench;

import io.cascadia.dataplane.Commands;
import io.cascadia.dataplane.Dataplane;
import io.cascadia.dataplane.Host;
import io.cascadia.dataplane.L2Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Programs N fdb entries (and as many ARP-responder entries) into one host namespace through the batched
 * reconcile path, against the baseline of one forked {@code bridge fdb add} per entry measured on a sample in the
 * same run. Target: 10,000 fdb entries in under 2 s. Needs root.
 */
@Command(name = "fdb", mixinStandardHelpOptions = true,
        description = "Time programming fdb/ARP entries into one namespace (batched) against one process per entry.")
final class FdbBenchmark implements Callable<Integer> {
    @Option(names = "--entries", defaultValue = "10000", description = "fdb entries to program (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--baseline-sample", defaultValue = "200",
            description = "entries added one process each for the baseline (default: ${DEFAULT-VALUE}).")
    int sample;

    @Override
    public Integer call() throws Exception {
        if (Dataplane.unavailableReason().isPresent()) {
            System.err.println("cascadia bench fdb: " + Dataplane.unavailableReason().get());
            return 2;
        }
        int vni = 4242;
        try (Dataplane dataplane = Dataplane.start("cbench")) {
            Host host = dataplane.addHost("h1", "100.64.9.1/10");
            host.ensureSegment(vni);
            Set<L2Table.Forwarding> forwarding = new HashSet<>();
            Set<L2Table.ArpEntry> arp = new HashSet<>();
            for (int i = 0; i < entries; i++) {
                String mac = "fa:16:3e:%02x:%02x:%02x".formatted((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
                String vtep = "100.64.%d.%d".formatted(10 + (i % 50), 1 + (i / 50) % 250);
                forwarding.add(new L2Table.Forwarding(mac, vtep));
                arp.add(new L2Table.ArpEntry("10.%d.%d.%d".formatted((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff), mac));
            }

            long started = System.nanoTime();
            host.program(vni, new L2Table(forwarding, Set.of(), Set.of()));
            double fdbSeconds = (System.nanoTime() - started) / 1e9;

            started = System.nanoTime();
            host.program(vni, new L2Table(forwarding, arp, Set.of()));
            double arpSeconds = (System.nanoTime() - started) / 1e9;

            started = System.nanoTime();
            int changes = host.program(vni, new L2Table(forwarding, arp, Set.of()));
            double reconcileSeconds = (System.nanoTime() - started) / 1e9;

            host.ensureSegment(vni + 1);
            started = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                Commands.run(List.of("bridge", "-n", host.namespace(), "fdb", "add", "fa:16:3f:00:%02x:%02x".formatted(i >> 8, i & 0xff),
                        "dev", "vx" + (vni + 1), "dst", "100.64.200.1", "self", "permanent"));
            }
            double perForkedEntry = (System.nanoTime() - started) / 1e9 / sample;
            double baselineSeconds = perForkedEntry * entries;

            BenchReport report = new BenchReport("fdb")
                    .parameter("entries", entries)
                    .parameter("baseline_sample", sample)
                    .row("program " + entries + " fdb entries (batched)", fdbSeconds, "s", baselineSeconds, "< 2 s",
                            fdbSeconds < 2.0)
                    .row("then " + entries + " ARP-responder entries", arpSeconds, "s")
                    .row("reconcile with nothing to change", reconcileSeconds, "s")
                    .row("changes found by that reconcile", changes, "count")
                    .row("one forked bridge call per entry", perForkedEntry * 1000, "ms");
            report.publish();
        }
        return 0;
    }
}
