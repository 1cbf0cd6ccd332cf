package io.cascadia.store.compute;

import io.cascadia.core.compute.ObservedServer;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes what the proxies observe of servers in sites back to the top: status and states, host, launch time and
 * faults. A write that changes nothing leaves the row (and its {@code updated_at}) alone, so the top's
 * {@code changes-since} only reports real changes. A server being deleted keeps its {@code deleting} task state, and
 * only the top's own delete gives it that state.
 */
public final class ServerObservations {
    private final Jdbi jdbi;

    public ServerObservations(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Copies the observation to the server; returns whether anything changed. */
    public boolean apply(String serverId, ObservedServer observed, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<Current> current = h.createQuery(
                            "select status, vm_state, task_state, power_state, host, launched_at from server where id = :id")
                    .bind("id", serverId)
                    .map((rs, ctx) -> new Current(rs.getString("status"), rs.getString("vm_state"), rs.getString("task_state"),
                            rs.getInt("power_state"), rs.getString("host"),
                            rs.getTimestamp("launched_at") == null ? null : rs.getTimestamp("launched_at").toInstant()))
                    .findOne();
            if (current.isEmpty()) {
                return false;
            }
            Current now0 = current.get();
            // Only the top's own delete makes a server 'deleting' there: a copy being deleted in its site behind
            // Cascadia's back must still be seen gone (and the server put in ERROR) once the site has removed it.
            String taskState = "deleting".equals(now0.taskState()) ? now0.taskState()
                    : "deleting".equals(observed.taskState()) ? null : observed.taskState();
            String host = observed.host() != null ? observed.host() : now0.host();
            Instant launchedAt = now0.launchedAt() != null ? now0.launchedAt() : observed.launchedAt();
            Current next = new Current(observed.status(), observed.vmState(), taskState, observed.powerState(), host, launchedAt);
            boolean changed = !next.equals(now0);
            if (changed) {
                h.createUpdate("""
                                update server set status = :status, vm_state = :vmState, task_state = :taskState,
                                  power_state = :powerState, host = :host, launched_at = :launchedAt, updated_at = :now
                                where id = :id""")
                        .bind("status", next.status())
                        .bind("vmState", next.vmState())
                        .bind("taskState", next.taskState())
                        .bind("powerState", next.powerState())
                        .bind("host", next.host())
                        .bind("launchedAt", next.launchedAt())
                        .bind("id", serverId)
                        .bind("now", now)
                        .execute();
            }
            if (observed.fault() != null && !observed.fault().equals(fault(serverId).orElse(null))) {
                recordFault(serverId, observed.fault());
                changed = true;
            }
            return changed;
        });
    }

    private record Current(String status, String vmState, String taskState, int powerState, String host, Instant launchedAt) {
    }

    /**
     * Puts a server in ERROR with a fault, as Nova does when a build fails (e.g. "No valid host was found").
     */
    public void fail(String serverId, ObservedServer.Fault fault, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            update server set status = 'ERROR', vm_state = 'error', task_state = null, updated_at = :now
                            where id = :id""")
                    .bind("id", serverId).bind("now", now).execute();
            recordFault(serverId, fault);
        });
    }

    /**
     * Locks the server's row for the rest of the caller's transaction if it exists and no site holds it yet; returns
     * whether it did. Two placements of one server thus serialize, and the second finds it placed.
     */
    public boolean lockUnplaced(String serverId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select s.id from server s where s.id = :id
                          and not exists (select 1 from routing r where r.top_id = s.id and r.resource_type = 'server')
                        for update""")
                .bind("id", serverId).mapTo(String.class).findOne().isPresent());
    }

    /** Records where the server lives once placed: the zone users see. */
    public void placed(String serverId, String availabilityZone, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update server set availability_zone = :zone, task_state = case when task_state = 'scheduling'
                          then 'spawning' else task_state end, updated_at = :now where id = :id""")
                .bind("id", serverId).bind("zone", availabilityZone).bind("now", now).execute());
    }

    /** The faults of the given servers that have one, in one query (for a page of servers in ERROR). */
    public java.util.Map<String, ObservedServer.Fault> faults(java.util.Collection<String> serverIds) {
        if (serverIds.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbi.withHandle(h -> {
            java.util.Map<String, ObservedServer.Fault> faults = new java.util.HashMap<>();
            h.createQuery("select * from server_fault where server_id in (<ids>)")
                    .bindList("ids", java.util.List.copyOf(serverIds))
                    .map((rs, ctx) -> java.util.Map.entry(rs.getString("server_id"), new ObservedServer.Fault(rs.getInt("code"),
                            rs.getString("message"), rs.getString("details"), rs.getTimestamp("created_at").toInstant())))
                    .forEach(e -> faults.put(e.getKey(), e.getValue()));
            return faults;
        });
    }

    public Optional<ObservedServer.Fault> fault(String serverId) {
        return jdbi.withHandle(h -> h.createQuery("select * from server_fault where server_id = :id")
                .bind("id", serverId)
                .map((rs, ctx) -> new ObservedServer.Fault(rs.getInt("code"), rs.getString("message"), rs.getString("details"),
                        rs.getTimestamp("created_at").toInstant()))
                .findOne());
    }

    private void recordFault(String serverId, ObservedServer.Fault fault) {
        jdbi.useHandle(h -> {
            h.createUpdate("delete from server_fault where server_id = :id").bind("id", serverId).execute();
            h.createUpdate("""
                            insert into server_fault (server_id, code, message, details, created_at)
                            values (:id, :code, :message, :details, :created)""")
                    .bind("id", serverId).bind("code", fault.code()).bind("message", truncate(fault.message(), 1024))
                    .bind("details", truncate(fault.details(), 4096)).bind("created", fault.created())
                    .execute();
        });
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
