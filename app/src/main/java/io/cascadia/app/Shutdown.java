package io.cascadia.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the process to be asked to stop (Ctrl-C, SIGTERM) and holds the JVM until the main thread has closed
 * what it opened. Open it first in a try-with-resources, so it is closed last:
 * {@code try (Shutdown s = Shutdown.onSignal(); TopLayer top = ...) { s.await(); }}.
 */
final class Shutdown implements AutoCloseable {
    private static final long MAX_CLEANUP_SECONDS = 20;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private Shutdown() {
    }

    static Shutdown onSignal() {
        Shutdown shutdown = new Shutdown();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.requested.countDown();
            try {
                shutdown.finished.await(MAX_CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cascadia-shutdown"));
        return shutdown;
    }

    void await() throws InterruptedException {
        requested.await();
    }

    @Override
    public void close() {
        finished.countDown();
    }
}
