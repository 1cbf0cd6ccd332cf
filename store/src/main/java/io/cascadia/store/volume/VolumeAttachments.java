package io.cascadia.store.volume;

import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.store.Rows;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Attachments of volumes to servers: one per volume, read by volume and, a page of servers at once, by server. */
public final class VolumeAttachments {
    static final RowMapper<VolumeAttachment> MAPPER = (rs, ctx) -> new VolumeAttachment(rs.getString("volume_id"),
            rs.getString("id"), rs.getString("server_id"), rs.getString("device"), rs.getString("tag"), Rows.integer(rs, "boot_index"),
            rs.getBoolean("delete_on_termination"),
            VolumeAttachment.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getString("host_name"),
            Rows.instant(rs, "attached_at"), Rows.instant(rs, "site_asked_at"), Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"));

    private final Jdbi jdbi;

    public VolumeAttachments(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records an attachment; joins the caller's transaction. */
    public void insert(VolumeAttachment attachment) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into volume_attachment (volume_id, id, server_id, device, tag, boot_index, delete_on_termination,
                          state, host_name, attached_at, site_asked_at, created_at, updated_at)
                        values (:volumeId, :id, :serverId, :device, :tag, :bootIndex, :deleteOnTermination, :stateWire, :hostName,
                          :attachedAt, :siteAskedAt, :createdAt, :updatedAt)""")
                .bindMethods(attachment).bind("stateWire", attachment.state().wire()).execute());
    }

    public Optional<VolumeAttachment> find(String volumeId) {
        return jdbi.withHandle(h -> h.createQuery("select * from volume_attachment where volume_id = :v")
                .bind("v", volumeId).map(MAPPER).findOne());
    }

    /** The attachments of each of the given servers (root volume first, then by device), in one query. */
    public Map<String, List<VolumeAttachment>> forServers(Collection<String> serverIds) {
        if (serverIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<VolumeAttachment>> byServer = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        select * from volume_attachment where server_id in (<ids>)
                        order by server_id, coalesce(boot_index, 1), device, volume_id""")
                .bindList("ids", List.copyOf(serverIds)).map(MAPPER)
                .forEach(a -> byServer.computeIfAbsent(a.serverId(), s -> new java.util.ArrayList<>()).add(a)));
        return byServer;
    }

    /** The attachments of each of the given volumes, in one query. */
    public Map<String, VolumeAttachment> forVolumes(Collection<String> volumeIds) {
        if (volumeIds.isEmpty()) {
            return Map.of();
        }
        Map<String, VolumeAttachment> byVolume = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("select * from volume_attachment where volume_id in (<ids>)")
                .bindList("ids", List.copyOf(volumeIds)).map(MAPPER).forEach(a -> byVolume.put(a.volumeId(), a)));
        return byVolume;
    }

    /** Asks for the volume to be detached: {@code detaching}, the site not asked yet. */
    public void beginDetach(String volumeId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update volume_attachment set state = 'detaching', site_asked_at = null, updated_at = :now
                        where volume_id = :v""")
                .bind("v", volumeId).bind("now", now).execute());
    }

    /** Notes that the site was asked for the attachment's pending change. */
    public void siteAsked(String volumeId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate(
                        "update volume_attachment set site_asked_at = :now, updated_at = :now where volume_id = :v")
                .bind("v", volumeId).bind("now", now).execute());
    }
}
