package io.cascadia.store.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Tags of Neutron resources, by resource id. */
public final class Tags {
    private final Jdbi jdbi;

    public Tags(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Adds the tag unless the resource has it; false, adding nothing, when the resource already has {@code maxTags}
     * other tags.
     */
    public boolean add(String resourceId, String tag, int maxTags) {
        return jdbi.inTransaction(h -> {
            List<String> present = h.createQuery("select tag from resource_tag where resource_id = :r")
                    .bind("r", resourceId).mapTo(String.class).list();
            if (present.contains(tag)) {
                return true;
            }
            if (present.size() >= maxTags) {
                return false;
            }
            h.createUpdate("insert into resource_tag (resource_id, tag) values (:r, :t)")
                    .bind("r", resourceId).bind("t", tag).execute();
            return true;
        });
    }

    public boolean remove(String resourceId, String tag) {
        return jdbi.withHandle(h -> h.createUpdate("delete from resource_tag where resource_id = :r and tag = :t")
                .bind("r", resourceId).bind("t", tag).execute()) > 0;
    }

    public void replace(String resourceId, List<String> tags) {
        jdbi.useTransaction(h -> {
            h.createUpdate("delete from resource_tag where resource_id = :r").bind("r", resourceId).execute();
            for (String tag : new java.util.LinkedHashSet<>(tags)) {
                h.createUpdate("insert into resource_tag (resource_id, tag) values (:r, :t)")
                        .bind("r", resourceId).bind("t", tag).execute();
            }
        });
    }

    public void removeAll(String resourceId) {
        jdbi.useHandle(h -> h.createUpdate("delete from resource_tag where resource_id = :r").bind("r", resourceId).execute());
    }

    /** The tags of each resource, sorted, for a page of resources at once. */
    public Map<String, List<String>> of(List<String> resourceIds) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        if (resourceIds.isEmpty()) {
            return tags;
        }
        jdbi.useHandle(h -> h.createQuery("select resource_id, tag from resource_tag where resource_id = any(:ids) order by tag")
                .bindArray("ids", String.class, resourceIds)
                .map((rs, ctx) -> Map.entry(rs.getString("resource_id"), rs.getString("tag")))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        return tags;
    }
}
