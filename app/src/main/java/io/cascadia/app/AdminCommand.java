package io.cascadia.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Operator commands against a running Cascadia. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operate a running Cascadia: sites, routings, jobs.")
final class AdminCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return NotYetAvailable.report("admin", "the admin API lands with issue 6");
    }
}
