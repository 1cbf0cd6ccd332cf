package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Keypairs, per user (not per project, as in Nova), in name order. Thread-safe. */
final class Keypairs {
    private final Map<String, ConcurrentSkipListMap<String, Keypair>> byUser = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Optional<Keypair> find(String userId, String name) {
        ConcurrentSkipListMap<String, Keypair> keypairs = byUser.get(userId);
        return keypairs == null ? Optional.empty() : Optional.ofNullable(keypairs.get(name));
    }

    Collection<Keypair> of(String userId) {
        ConcurrentSkipListMap<String, Keypair> keypairs = byUser.get(userId);
        return keypairs == null ? List.of() : keypairs.values();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * @throws OpenStackException 409 when the user already has a keypair of that name
     */
    void add(Keypair keypair) {
        Keypair existing = byUser.computeIfAbsent(keypair.userId(), u -> new ConcurrentSkipListMap<>())
                .putIfAbsent(keypair.name(), keypair);
        if (existing != null) {
            throw OpenStackException.conflict("Key pair '" + keypair.name() + "' already exists.");
        }
    }

    /**
     * @throws OpenStackException 404 when there is no such keypair
     */
    void remove(String userId, String name) {
        ConcurrentSkipListMap<String, Keypair> keypairs = byUser.get(userId);
        if (keypairs == null || keypairs.remove(name) == null) {
            throw notFound(userId, name);
        }
    }

    static OpenStackException notFound(String userId, String name) {
        return OpenStackException.notFound("Keypair " + name + " not found for user " + userId);
    }
}
