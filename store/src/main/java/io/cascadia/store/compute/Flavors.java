package io.cascadia.store.compute;

import io.cascadia.core.compute.Flavor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Nova flavors, their extra specs and the projects given access to private ones. */
public final class Flavors {
    private static final RowMapper<Flavor> MAPPER = (rs, ctx) -> new Flavor(rs.getString("id"), rs.getString("name"),
            rs.getInt("vcpus"), rs.getInt("ram_mb"), rs.getInt("disk_gb"), rs.getInt("ephemeral_gb"), rs.getInt("swap_mb"),
            rs.getDouble("rxtx_factor"), rs.getBoolean("is_public"), rs.getString("description"), Map.of());

    private final Jdbi jdbi;

    public Flavors(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Flavor flavor, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into flavor (id, name, vcpus, ram_mb, disk_gb, ephemeral_gb, swap_mb, rxtx_factor, is_public,
                          description, created_at)
                        values (:id, :name, :vcpus, :ramMb, :diskGb, :ephemeralGb, :swapMb, :rxtxFactor, :isPublic,
                          :description, :now)""")
                .bindMethods(flavor).bind("now", now).execute());
    }

    public void updateDescription(String id, String description) {
        jdbi.useHandle(h -> h.createUpdate("update flavor set description = :d where id = :id")
                .bind("d", description).bind("id", id).execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from flavor where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Flavor> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from flavor where id = :id").bind("id", id).map(MAPPER).findOne())
                .map(f -> f.withExtraSpecs(extraSpecs(f.id())));
    }

    public boolean nameTaken(String name) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from flavor where name = :n").bind("n", name)
                .mapTo(Integer.class).one()) > 0;
    }

    /**
     * Flavors sorted by {@code flavorid} as Nova sorts them by default. {@code projectId} null lists every flavor;
     * otherwise public ones and private ones the project may use. {@code isPublic} null means both.
     */
    public List<Flavor> list(String projectId, Boolean isPublic, Integer minRam, Integer minDisk) {
        StringBuilder sql = new StringBuilder("select * from flavor f where true");
        Map<String, Object> binds = new HashMap<>();
        if (isPublic != null) {
            sql.append(" and f.is_public = :pub");
            binds.put("pub", isPublic);
        }
        if (projectId != null) {
            sql.append(" and (f.is_public or exists (select 1 from flavor_access a where a.flavor_id = f.id and a.project_id = :p))");
            binds.put("p", projectId);
        }
        if (minRam != null) {
            sql.append(" and f.ram_mb >= :ram");
            binds.put("ram", minRam);
        }
        if (minDisk != null) {
            sql.append(" and f.disk_gb >= :disk");
            binds.put("disk", minDisk);
        }
        sql.append(" order by f.id");
        List<Flavor> flavors = jdbi.withHandle(h -> h.createQuery(sql.toString()).bindMap(binds).map(MAPPER).list());
        Map<String, Map<String, String>> specs = extraSpecs(flavors.stream().map(Flavor::id).toList());
        return flavors.stream().map(f -> f.withExtraSpecs(specs.getOrDefault(f.id(), Map.of()))).toList();
    }

    public Map<String, String> extraSpecs(String flavorId) {
        return extraSpecs(List.of(flavorId)).getOrDefault(flavorId, Map.of());
    }

    private Map<String, Map<String, String>> extraSpecs(List<String> flavorIds) {
        Map<String, Map<String, String>> specs = new HashMap<>();
        if (flavorIds.isEmpty()) {
            return specs;
        }
        jdbi.useHandle(h -> h.createQuery("select flavor_id, spec_key, spec_value from flavor_extra_spec where flavor_id = any(:ids) order by spec_key")
                .bindArray("ids", String.class, flavorIds)
                .map((rs, ctx) -> List.of(rs.getString("flavor_id"), rs.getString("spec_key"), rs.getString("spec_value")))
                .forEach(row -> specs.computeIfAbsent(row.get(0), k -> new LinkedHashMap<>()).put(row.get(1), row.get(2))));
        return specs;
    }

    public void setExtraSpec(String flavorId, String key, String value) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("update flavor_extra_spec set spec_value = :v where flavor_id = :f and spec_key = :k")
                    .bind("f", flavorId).bind("k", key).bind("v", value).execute();
            if (updated == 0) {
                h.createUpdate("insert into flavor_extra_spec (flavor_id, spec_key, spec_value) values (:f, :k, :v)")
                        .bind("f", flavorId).bind("k", key).bind("v", value).execute();
            }
        });
    }

    public boolean deleteExtraSpec(String flavorId, String key) {
        return jdbi.withHandle(h -> h.createUpdate("delete from flavor_extra_spec where flavor_id = :f and spec_key = :k")
                .bind("f", flavorId).bind("k", key).execute()) > 0;
    }

    public List<String> accessProjects(String flavorId) {
        return new ArrayList<>(jdbi.withHandle(h -> h.createQuery(
                        "select project_id from flavor_access where flavor_id = :f order by project_id")
                .bind("f", flavorId).mapTo(String.class).list()));
    }

    public boolean hasAccess(String flavorId, String projectId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from flavor_access where flavor_id = :f and project_id = :p")
                .bind("f", flavorId).bind("p", projectId).mapTo(Integer.class).one()) > 0;
    }

    public void addAccess(String flavorId, String projectId) {
        jdbi.useHandle(h -> h.createUpdate("insert into flavor_access (flavor_id, project_id) values (:f, :p)")
                .bind("f", flavorId).bind("p", projectId).execute());
    }

    public boolean removeAccess(String flavorId, String projectId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from flavor_access where flavor_id = :f and project_id = :p")
                .bind("f", flavorId).bind("p", projectId).execute()) > 0;
    }
}
