package io.cascadia.store.quota;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Per-project quota overrides, by service ({@code compute}, {@code network}, {@code volume}). */
public final class QuotaLimits {
    private final Jdbi jdbi;

    public QuotaLimits(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The project's overrides; resources without one are absent. */
    public Map<String, Integer> overrides(String service, String projectId) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("select resource, hard_limit from quota_limit where service = :s and project_id = :p")
                .bind("s", service).bind("p", projectId)
                .map((rs, ctx) -> Map.entry(rs.getString("resource"), rs.getInt("hard_limit")))
                .forEach(e -> limits.put(e.getKey(), e.getValue())));
        return limits;
    }

    public void set(String service, String projectId, String resource, int limit) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                            update quota_limit set hard_limit = :l where service = :s and project_id = :p and resource = :r""")
                    .bind("s", service).bind("p", projectId).bind("r", resource).bind("l", limit).execute();
            if (updated == 0) {
                h.createUpdate("insert into quota_limit (service, project_id, resource, hard_limit) values (:s, :p, :r, :l)")
                        .bind("s", service).bind("p", projectId).bind("r", resource).bind("l", limit).execute();
            }
        });
    }

    public void reset(String service, String projectId) {
        jdbi.useHandle(h -> h.createUpdate("delete from quota_limit where service = :s and project_id = :p")
                .bind("s", service).bind("p", projectId).execute());
    }
}
