package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The site's flavors, ordered by id as Nova lists them: devstack's m1 family at start, more created by
 * administrators. Thread-safe.
 */
final class Flavors {
    private final ConcurrentSkipListMap<String, Flavor> byId = new ConcurrentSkipListMap<>();
    private final Map<String, Set<String>> access = new ConcurrentHashMap<>();

    Flavors() {
        add(new Flavor("1", "m1.tiny", 1, 512, 1, 0, 0, 1.0, true, false, null, Map.of()));
        add(new Flavor("2", "m1.small", 1, 2048, 20, 0, 0, 1.0, true, false, null, Map.of()));
        add(new Flavor("3", "m1.medium", 2, 4096, 40, 0, 0, 1.0, true, false, null, Map.of()));
        add(new Flavor("4", "m1.large", 4, 8192, 80, 0, 0, 1.0, true, false, null, Map.of()));
        add(new Flavor("5", "m1.xlarge", 8, 16384, 160, 0, 0, 1.0, true, false, null, Map.of()));
        add(new Flavor("42", "m1.nano", 1, 128, 1, 0, 0, 1.0, true, false, null, Map.of()));
        add(new Flavor("84", "m1.micro", 1, 192, 1, 0, 0, 1.0, true, false, null, Map.of()));
    }

    Optional<Flavor> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every flavor in id order (a live view). */
    Collection<Flavor> all() {
        return byId.values();
    }

    /**
     * @throws OpenStackException 409 when the id or the name is taken
     */
    synchronized void add(Flavor flavor) {
        if (byId.containsKey(flavor.id())) {
            throw OpenStackException.conflict("Flavor with ID " + flavor.id() + " already exists.");
        }
        if (byId.values().stream().anyMatch(f -> f.name().equals(flavor.name()))) {
            throw OpenStackException.conflict("Flavor with name " + flavor.name() + " already exists.");
        }
        byId.put(flavor.id(), flavor);
    }

    synchronized void replace(Flavor flavor) {
        byId.put(flavor.id(), flavor);
    }

    synchronized void remove(String id) {
        if (byId.remove(id) == null) {
            throw OpenStackException.notFound("Flavor " + id + " could not be found.");
        }
        access.remove(id);
    }

    /** The projects given access to a private flavor, in order. */
    Set<String> access(String flavorId) {
        return new TreeSet<>(access.getOrDefault(flavorId, Set.of()));
    }

    boolean hasAccess(String flavorId, String projectId) {
        return access.getOrDefault(flavorId, Set.of()).contains(projectId);
    }

    /**
     * @throws OpenStackException 409 when the project has access already
     */
    synchronized void addAccess(String flavorId, String projectId) {
        if (!access.computeIfAbsent(flavorId, f -> ConcurrentHashMap.newKeySet()).add(projectId)) {
            throw OpenStackException.conflict("Flavor access already exists for flavor " + flavorId + " and project "
                    + projectId + " combination.");
        }
    }

    /**
     * @throws OpenStackException 404 when the project has no access
     */
    synchronized void removeAccess(String flavorId, String projectId) {
        if (!access.getOrDefault(flavorId, Set.of()).contains(projectId)) {
            throw OpenStackException.notFound("Flavor access not found for " + flavorId + " / " + projectId + " combination.");
        }
        access.get(flavorId).remove(projectId);
    }
}
