package io.cascadia.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Listed for --help; the ./cascadia launcher runs the tests itself, because they need Maven, not this JVM. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run all tests (installs what they need, then mvn verify). Handled by the ./cascadia launcher.")
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cascadia test: run it through the launcher: ./cascadia test");
        return Main.NOT_AVAILABLE;
    }
}
