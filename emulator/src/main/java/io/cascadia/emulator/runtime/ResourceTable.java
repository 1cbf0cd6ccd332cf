package io.cascadia.emulator.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * Resources of one kind, held as immutable records and indexed for the reads the APIs serve: by id, in listing
 * order (over all projects and per project), and by last change. Listing a page or polling for changes costs
 * O(log n + page), never a scan of the whole table.
 *
 * <p>Writes are serialized; reads never block and see each record either before or after a write. A record that
 * changes appears under its new change time before it leaves its old one, so a change poll may see it twice (callers
 * keep the last per id) but never misses it.
 *
 * @param <K> the listing-order key, which must not change when the record is updated (for example the id, or the
 *            creation time and id)
 */
public final class ResourceTable<K extends Comparable<K>, R extends Resource> {
    private final Function<R, K> orderKey;
    private final Map<String, R> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<K, R> ordered = new ConcurrentSkipListMap<>();
    private final Map<String, ConcurrentSkipListMap<K, R>> orderedByProject = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<ChangeKey, R> byChange = new ConcurrentSkipListMap<>();
    /** Sizes of the per-project maps, because a skip list counts by walking. */
    private final Map<String, Integer> countByProject = new ConcurrentHashMap<>();

    /** Orders records by when they last changed; ties broken by id. */
    private record ChangeKey(Instant updatedAt, String id) implements Comparable<ChangeKey> {
        @Override
        public int compareTo(ChangeKey other) {
            int byTime = updatedAt.compareTo(other.updatedAt);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    public ResourceTable(Function<R, K> orderKey) {
        this.orderKey = requireNonNull(orderKey, "orderKey is null");
    }

    public Optional<R> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** Inserts the record, or replaces the one with the same id. */
    public synchronized void put(R record) {
        requireNonNull(record, "record is null");
        R previous = byId.put(record.id(), record);
        K key = orderKey.apply(record);
        ordered.put(key, record);
        if (orderedByProject.computeIfAbsent(record.projectId(), p -> new ConcurrentSkipListMap<>()).put(key, record) == null) {
            countByProject.merge(record.projectId(), 1, Integer::sum);
        }
        byChange.put(new ChangeKey(record.updatedAt(), record.id()), record);
        if (previous != null) {
            if (!previous.projectId().equals(record.projectId())) {
                removeFromProject(previous, orderKey.apply(previous));
            }
            if (!previous.updatedAt().equals(record.updatedAt())) {
                byChange.remove(new ChangeKey(previous.updatedAt(), previous.id()));
            }
        }
    }

    /** Removes the record with this id; empty when there was none. */
    public synchronized Optional<R> remove(String id) {
        R previous = byId.remove(id);
        if (previous == null) {
            return Optional.empty();
        }
        K key = orderKey.apply(previous);
        ordered.remove(key);
        removeFromProject(previous, key);
        byChange.remove(new ChangeKey(previous.updatedAt(), previous.id()));
        return Optional.of(previous);
    }

    private void removeFromProject(R record, K key) {
        ConcurrentSkipListMap<K, R> project = orderedByProject.get(record.projectId());
        if (project != null && project.remove(key) != null) {
            countByProject.computeIfPresent(record.projectId(), (p, n) -> n == 1 ? null : n - 1);
            if (project.isEmpty()) {
                orderedByProject.remove(record.projectId(), project);
            }
        }
    }

    /** The records of one project, or of all when {@code projectId} is null, in ascending listing order (a live view). */
    public NavigableMap<K, R> ordered(String projectId) {
        if (projectId == null) {
            return ordered;
        }
        NavigableMap<K, R> project = orderedByProject.get(projectId);
        return project != null ? project : Collections.emptyNavigableMap();
    }

    /** The listing-order key of a record of this table. */
    public K keyOf(R record) {
        return orderKey.apply(record);
    }

    /**
     * The records whose last change lies within [{@code since}, {@code before}] (either end may be null for
     * unbounded), oldest change first, each once.
     */
    public List<R> changedBetween(Instant since, Instant before) {
        NavigableMap<ChangeKey, R> range = byChange;
        if (since != null) {
            range = range.tailMap(new ChangeKey(since, ""), true);
        }
        if (before != null) {
            range = range.headMap(new ChangeKey(before, "\uffff"), true);
        }
        Map<String, R> latest = new LinkedHashMap<>();
        for (R record : range.values()) {
            latest.merge(record.id(), record, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
        }
        return List.copyOf(latest.values());
    }

    /** Records whose last change is before {@code cutoff}, oldest first (a live view). */
    public Collection<R> changedBefore(Instant cutoff) {
        return byChange.headMap(new ChangeKey(cutoff, ""), false).values();
    }

    public Collection<R> all() {
        return ordered.values();
    }

    public int size() {
        return byId.size();
    }

    public int count(String projectId) {
        return countByProject.getOrDefault(projectId, 0);
    }
}
