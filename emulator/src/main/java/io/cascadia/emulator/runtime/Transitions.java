package io.cascadia.emulator.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the delayed steps of a site's state machines (a server finishing its build, a volume becoming available).
 * All sites of a JVM share two daemon scheduler threads, because a step is a few microseconds of work and a JVM
 * may hold hundreds of sites. A step due with no delay runs at once on the caller's thread. Closing drops the
 * site's pending steps; a step that throws is logged and dropped.
 */
public final class Transitions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ScheduledExecutorService SCHEDULER = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "emulator-transitions-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final Set<Future<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Runs {@code step} after {@code delay}, or now when the delay is zero. */
    public void after(Duration delay, Runnable step) {
        if (closed) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            step.run();
            return;
        }
        Future<?>[] self = new Future<?>[1];
        Runnable guarded = () -> {
            try {
                if (!closed) {
                    step.run();
                }
            } catch (RuntimeException e) {
                LOG.error("a delayed state transition failed", e);
            } finally {
                synchronized (self) {
                    if (self[0] != null) {
                        pending.remove(self[0]);
                    }
                }
            }
        };
        synchronized (self) {
            self[0] = SCHEDULER.schedule(guarded, delay.toNanos(), TimeUnit.NANOSECONDS);
            if (!self[0].isDone()) {
                pending.add(self[0]);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pending.forEach(future -> future.cancel(false));
        pending.clear();
    }
}
