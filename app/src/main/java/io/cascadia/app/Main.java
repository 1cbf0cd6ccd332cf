package io.cascadia.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cascadia} command line. */
@Command(name = "cascadia",
        mixinStandardHelpOptions = true,
        version = "Cascadia 0.1.0",
        description = "Many OpenStack sites, one OpenStack API.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            SiteCommand.class,
            io.cascadia.app.admin.AdminCommand.class,
            io.cascadia.app.admin.ServerCommands.class,
            BenchCommand.class,
            TestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code of a command whose issue has not landed yet. */
    static final int NOT_AVAILABLE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    if (e instanceof IllegalArgumentException) {
                        commandLine.getErr().println("cascadia: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                })
                .execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
