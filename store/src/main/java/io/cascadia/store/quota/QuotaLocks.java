package io.cascadia.store.quota;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Serializes a project's creates that count against its quota in one service: a quota check counts what exists and
 * the create then inserts, so two creates racing past one check would both fit. Each takes the project's lock row
 * ({@code select ... for update}, on PostgreSQL and on H2) in its own transaction before it counts, and holds it until
 * that transaction ends; creates of other projects, and of other services, do not wait.
 */
public final class QuotaLocks {
    private final Jdbi jdbi;
    private final Map<String, Semaphore> newRowTurns = new ConcurrentHashMap<>();

    public QuotaLocks(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * Takes the lock of the project in the service, waiting while another transaction holds it.
     *
     * @throws IllegalStateException when no transaction is open on this thread (the lock would end at once)
     */
    public void lock(String service, String projectId) {
        requireNonNull(service, "service is null");
        requireNonNull(projectId, "projectId is null");
        jdbi.useHandle(h -> {
            if (!h.isInTransaction()) {
                throw new IllegalStateException("the quota lock of project " + projectId + " must be taken in a transaction");
            }
            // The row exists after a project's first create: lock it without writing, so waiters queue on one row lock.
            if (lockRow(h, service, projectId).isEmpty()) {
                takeNewRowTurn(h, service + "/" + projectId);
                if (lockRow(h, service, projectId).isEmpty()) {
                    h.createUpdate("insert into quota_lock (service, project_id) values (:s, :p) on conflict do nothing")
                            .bind("s", service).bind("p", projectId).execute();
                    lockRow(h, service, projectId).orElseThrow();
                }
            }
        });
    }

    /**
     * The creates of a project's first lock row take turns, each until its transaction ends, so that no two inserts of
     * one new key are open at once: on H2 a burst of a project's first creates racing on the insert stalled every
     * request of the process for the whole lock timeout (the racers busy in H2's unique check on the few carrier
     * threads of virtual threads, the transaction they waited for unable to commit).
     */
    private void takeNewRowTurn(Handle h, String key) {
        Semaphore turn = newRowTurns.computeIfAbsent(key, k -> new Semaphore(1));
        turn.acquireUninterruptibly();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                turn.release();
            }
        };
        h.afterCommit(release);
        h.afterRollback(release);
        h.addCleanable(release::run);
    }

    private static Optional<String> lockRow(Handle h, String service, String projectId) {
        return h.createQuery("select project_id from quota_lock where service = :s and project_id = :p for update")
                .bind("s", service).bind("p", projectId).mapTo(String.class).findOne();
    }
}
