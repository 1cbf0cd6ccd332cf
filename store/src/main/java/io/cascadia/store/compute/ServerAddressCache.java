package io.cascadia.store.compute;

import io.cascadia.core.compute.ServerAddress;
import io.cascadia.store.JsonText;
import io.cascadia.store.network.Ports;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A server's network information cache, as Nova keeps one: the addresses of its ports, copied into the server row
 * whenever they change, so server lists read one row per server. It is not a change the user made to the server,
 * so {@code updated_at} stays.
 */
public final class ServerAddressCache {
    private final Jdbi jdbi;
    private final Ports ports;

    public ServerAddressCache(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.ports = new Ports(jdbi);
    }

    /** The server's addresses as its ports hold them now. */
    public List<ServerAddress> current(String serverId) {
        return ports.addressesOfServers(List.of(serverId)).stream()
                .map(a -> new ServerAddress(a.networkId(), a.networkName(), a.macAddress(), a.ipAddress()))
                .toList();
    }

    /** Rewrites the cache of the server from its ports; nothing happens when no server has that id. */
    public void refresh(String serverId) {
        List<ServerAddress> addresses = current(serverId);
        jdbi.useHandle(h -> h.createUpdate("update server set addresses = :a where id = :id")
                .bind("a", JsonText.write(addresses)).bind("id", serverId).execute());
    }
}
