package io.cascadia.app;

/** The message of commands whose issue has not landed. */
final class NotYetAvailable {
    private NotYetAvailable() {
    }

    static int report(String command, String needs) {
        System.err.println("cascadia " + command + ": not yet available (" + needs + ").");
        return Main.NOT_AVAILABLE;
    }
}
