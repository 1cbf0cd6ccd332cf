package io.cascadia.emulator.runtime;

import java.time.Instant;

/**
 * The listing order of Nova, Cinder and Glance: by creation time, ties broken by id. Lists read it backwards
 * (newest first), the services' default {@code created_at desc, id desc}.
 */
public record CreationOrder(Instant createdAt, String id) implements Comparable<CreationOrder> {
    public static CreationOrder of(Resource resource) {
        return new CreationOrder(resource.createdAt(), resource.id());
    }

    @Override
    public int compareTo(CreationOrder other) {
        int byTime = createdAt.compareTo(other.createdAt);
        return byTime != 0 ? byTime : id.compareTo(other.id);
    }
}
