package io.cascadia.store.volume;

import io.cascadia.core.volume.Volume;
import io.cascadia.store.Filters;
import io.cascadia.store.JsonText;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Cinder volumes. */
public final class Volumes {
    private static final RowMapper<Volume> MAPPER = (rs, ctx) -> new Volume(rs.getString("id"), rs.getString("project_id"),
            rs.getString("user_id"), rs.getString("name"), rs.getString("description"), rs.getInt("size_gb"),
            rs.getString("status"), rs.getString("volume_type_name"), rs.getString("availability_zone"),
            rs.getBoolean("bootable"), rs.getString("source_volume_id"), rs.getString("snapshot_id"),
            rs.getString("image_id"), rs.getBoolean("multiattach"), JsonText.stringMap(rs.getString("metadata")),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

    private final Jdbi jdbi;

    public Volumes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Volume volume) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into volume (id, project_id, user_id, name, description, size_gb, status, volume_type_name,
                          availability_zone, bootable, source_volume_id, snapshot_id, image_id, multiattach, metadata,
                          created_at, updated_at)
                        values (:id, :projectId, :userId, :name, :description, :sizeGb, :status, :volumeTypeName,
                          :availabilityZone, :bootable, :sourceVolumeId, :snapshotId, :imageId, :multiattach, :meta,
                          :createdAt, :updatedAt)""")
                .bindMethods(volume).bind("meta", JsonText.write(volume.metadata())).execute());
    }

    public void update(Volume volume) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update volume set name = :name, description = :description, status = :status, size_gb = :sizeGb,
                          metadata = :meta, bootable = :bootable, updated_at = :updatedAt where id = :id""")
                .bindMethods(volume).bind("meta", JsonText.write(volume.metadata())).execute());
    }

    /** Writes what users may change of a volume at any time (name, description, metadata), nothing else. */
    public void updateDetails(Volume volume) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update volume set name = :name, description = :description, metadata = :meta, updated_at = :updatedAt
                        where id = :id""")
                .bindMethods(volume).bind("meta", JsonText.write(volume.metadata())).execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from volume where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Volume> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from volume where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /** Newest first; {@code projectId} null lists every project's volumes. */
    public List<Volume> list(String projectId, String name, String status, String markerId, int limit) {
        Filters filters = new Filters().equal("t.project_id", projectId).equal("t.name", name).equal("t.status", status);
        Listing listing = new Listing(filters, List.of(new Listing.Order("t.created_at", false), new Listing.Order("t.id", false)),
                markerId, limit);
        return jdbi.withHandle(h -> listing.query(h, "t.*", "volume", "id", MAPPER));
    }

    /** Volumes and gigabytes the project uses. */
    public long[] usage(String projectId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select count(*) as n, coalesce(sum(size_gb), 0) as gb from volume where project_id = :p")
                .bind("p", projectId).map((rs, ctx) -> new long[] {rs.getLong("n"), rs.getLong("gb")}).one());
    }

    public boolean typeInUse(String typeName) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from volume where volume_type_name = :t")
                .bind("t", typeName).mapTo(Integer.class).one()) > 0;
    }
}
