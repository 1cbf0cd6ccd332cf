package io.cascadia.emulator.volume;

import io.cascadia.core.error.OpenStackException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/** The site's volume types by id, starting with the default one. Thread-safe. */
public final class VolumeTypes {
    static final String DEFAULT_NAME = "__DEFAULT__";

    private final ConcurrentSkipListMap<String, VolumeType> byId = new ConcurrentSkipListMap<>();
    private final String defaultId;

    private VolumeTypes(String defaultId) {
        this.defaultId = defaultId;
        byId.put(defaultId, new VolumeType(defaultId, DEFAULT_NAME, "Default Volume Type", true, Map.of()));
    }

    /** The types of a new site; the default type's id is derived from the region, so it is stable across restarts. */
    public static VolumeTypes forRegion(String region) {
        return new VolumeTypes(UUID.nameUUIDFromBytes(("volume-type:" + region).getBytes(StandardCharsets.UTF_8)).toString());
    }

    VolumeType defaultType() {
        return byId.get(defaultId);
    }

    /** The type with this id, or the default one for {@code default}. */
    Optional<VolumeType> find(String id) {
        return id.equals("default") ? Optional.of(defaultType()) : Optional.ofNullable(byId.get(id));
    }

    /** A type by name or id, as a volume create names it. */
    Optional<VolumeType> byNameOrId(String nameOrId) {
        return byId.values().stream().filter(t -> t.name().equals(nameOrId)).findFirst().or(() -> find(nameOrId));
    }

    Collection<VolumeType> all() {
        return byId.values();
    }

    /**
     * @throws OpenStackException 409 when the name is taken
     */
    synchronized void add(VolumeType type) {
        if (byId.values().stream().anyMatch(t -> t.name().equals(type.name()))) {
            throw OpenStackException.conflict("Volume Type " + type.name() + " already exists.");
        }
        byId.put(type.id(), type);
    }

    /**
     * @throws OpenStackException 400 for the default type
     */
    synchronized void remove(String id) {
        if (id.equals(defaultId)) {
            throw OpenStackException.badRequest("Default volume type can not be deleted.");
        }
        byId.remove(id);
    }
}
