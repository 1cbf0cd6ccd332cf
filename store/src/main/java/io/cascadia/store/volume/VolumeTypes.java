package io.cascadia.store.volume;

import io.cascadia.core.volume.VolumeType;
import io.cascadia.store.JsonText;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Cinder volume types. */
public final class VolumeTypes {
    private static final RowMapper<VolumeType> MAPPER = (rs, ctx) -> new VolumeType(rs.getString("id"), rs.getString("name"),
            rs.getString("description"), rs.getBoolean("is_public"), JsonText.stringMap(rs.getString("extra_specs")));

    private final Jdbi jdbi;

    public VolumeTypes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(VolumeType type) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into volume_type (id, name, description, is_public, extra_specs)
                        values (:id, :name, :description, :isPublic, :specs)""")
                .bindMethods(type).bind("specs", JsonText.write(type.extraSpecs())).execute());
    }

    public void update(VolumeType type) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update volume_type set name = :name, description = :description, is_public = :isPublic,
                          extra_specs = :specs where id = :id""")
                .bindMethods(type).bind("specs", JsonText.write(type.extraSpecs())).execute());
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from volume_type where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<VolumeType> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from volume_type where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public Optional<VolumeType> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("select * from volume_type where name = :n").bind("n", name).map(MAPPER).findOne());
    }

    /** Every type, or only public ones. */
    public List<VolumeType> list(boolean publicOnly) {
        return jdbi.withHandle(h -> h.createQuery("select * from volume_type" + (publicOnly ? " where is_public" : "") + " order by name")
                .map(MAPPER).list());
    }
}
