package io.cascadia.emulator.compute;

import io.cascadia.emulator.runtime.CreationOrder;
import io.cascadia.emulator.runtime.ResourceTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The site's servers: the live ones, and the deleted ones that {@code changes-since} still reports (status
 * DELETED) for the retention period, as Nova keeps soft-deleted rows until they are archived.
 */
final class ServerTable {
    final ResourceTable<CreationOrder, Server> live = new ResourceTable<>(CreationOrder::of);
    final ResourceTable<CreationOrder, Server> deleted = new ResourceTable<>(CreationOrder::of);
    private final Duration retention;

    ServerTable(Duration retention) {
        this.retention = retention;
    }

    Optional<Server> find(String id) {
        return live.find(id);
    }

    void put(Server server) {
        live.put(server);
    }

    /** Moves a server to the deleted ones, and forgets deleted ones past the retention. */
    void markDeleted(Server server, Instant now) {
        live.remove(server.id());
        deleted.put(server);
        Instant cutoff = now.minus(retention);
        List<String> expired = new ArrayList<>();
        for (Server old : deleted.changedBefore(cutoff)) {
            expired.add(old.id());
        }
        expired.forEach(deleted::remove);
    }
}
