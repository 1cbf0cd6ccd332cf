package io.cascadia.store.volume;

import io.cascadia.core.id.Ids;
import io.cascadia.core.volume.ObservedVolume;
import io.cascadia.core.volume.VolumeAttachment;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes what the cinder proxy observes of volumes in sites back to the top: status, size and the attachment. The
 * volume's row is locked for the write, so an observation never overwrites a change a user made meanwhile. While a
 * job is in charge of a volume (statuses in {@link #OWNED_BY_JOBS}) only that job settles it. A write that changes
 * nothing leaves the rows (and their {@code updated_at}) alone.
 */
public final class VolumeObservations {
    /** Statuses the top sets when a user asks for a change; the job doing it settles them, pollers leave them be. */
    public static final Set<String> OWNED_BY_JOBS = Set.of("attaching", "detaching", "extending", "deleting");

    private final Jdbi jdbi;

    public VolumeObservations(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Copies an observation, unless a job is in charge of the volume; returns whether anything changed. */
    public boolean apply(String volumeId, ObservedVolume observed, Instant now) {
        return write(volumeId, status -> !OWNED_BY_JOBS.contains(status), observed, now);
    }

    /** Ends a change the top started: copies the observation if the volume is still {@code from}. */
    public boolean settle(String volumeId, String from, ObservedVolume observed, Instant now) {
        return write(volumeId, from::equals, observed, now);
    }

    /** Sets the status of a volume that is {@code from} (or any status, for null); returns whether it did. */
    public boolean setStatus(String volumeId, String from, String to, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("update volume set status = :to, updated_at = :now where id = :id"
                        + (from == null ? "" : " and status = :from") + " and status <> :to")
                .bind("id", volumeId).bind("from", from).bind("to", to).bind("now", now).execute()) > 0;
    }

    /** Records the zone of the site a volume was placed in. */
    public void placed(String volumeId, String zone, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("update volume set availability_zone = :zone, updated_at = :now where id = :id")
                .bind("id", volumeId).bind("zone", zone).bind("now", now).execute());
    }

    /**
     * The volume's status with its row locked for the rest of the caller's transaction, so concurrent changes to it
     * serialize; empty when there is no such volume.
     */
    public Optional<String> lockStatus(String volumeId) {
        return jdbi.withHandle(h -> lockStatus(h, volumeId));
    }

    private boolean write(String volumeId, Predicate<String> allowed, ObservedVolume observed, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<String> status = lockStatus(h, volumeId);
            if (status.isEmpty() || !allowed.test(status.get())) {
                return false;
            }
            int size = h.createQuery("select size_gb from volume where id = :id").bind("id", volumeId).mapTo(Integer.class).one();
            boolean changed = false;
            if (!status.get().equals(observed.status()) || size != observed.sizeGb()) {
                h.createUpdate("update volume set status = :status, size_gb = :size, updated_at = :now where id = :id")
                        .bind("id", volumeId).bind("status", observed.status()).bind("size", observed.sizeGb())
                        .bind("now", now).execute();
                changed = true;
            }
            return attachment(h, volumeId, observed.attachment(), now) || changed;
        });
    }

    /** Makes the volume's attachment row say what the site says. */
    private static boolean attachment(Handle h, String volumeId, ObservedVolume.Attachment observed, Instant now) {
        Optional<VolumeAttachment> current = h.createQuery("select * from volume_attachment where volume_id = :v")
                .bind("v", volumeId).map(VolumeAttachments.MAPPER).findOne();
        if (observed == null) {
            return current.isPresent() && h.createUpdate("delete from volume_attachment where volume_id = :v")
                    .bind("v", volumeId).execute() > 0;
        }
        if (current.isPresent() && current.get().serverId().equals(observed.serverId())) {
            VolumeAttachment row = current.get();
            if (row.state() == VolumeAttachment.State.ATTACHED && Objects.equals(row.device(), observed.device())
                    && Objects.equals(row.hostName(), observed.hostName()) && Objects.equals(row.attachedAt(), observed.attachedAt())) {
                return false;
            }
            h.createUpdate("""
                            update volume_attachment set state = 'attached', device = :device, host_name = :host,
                              attached_at = :attachedAt, site_asked_at = null, updated_at = :now
                            where volume_id = :v""")
                    .bind("v", volumeId).bind("device", observed.device()).bind("host", observed.hostName())
                    .bind("attachedAt", observed.attachedAt()).bind("now", now).execute();
            return true;
        }
        h.createUpdate("delete from volume_attachment where volume_id = :v").bind("v", volumeId).execute();
        h.createUpdate("""
                        insert into volume_attachment (volume_id, id, server_id, device, boot_index, delete_on_termination,
                          state, host_name, attached_at, site_asked_at, created_at, updated_at)
                        values (:v, :id, :server, :device, null, false, 'attached', :host, :attachedAt, null, :now, :now)""")
                .bind("v", volumeId).bind("id", Ids.uuid()).bind("server", observed.serverId()).bind("device", observed.device())
                .bind("host", observed.hostName()).bind("attachedAt", observed.attachedAt()).bind("now", now).execute();
        return true;
    }

    private static Optional<String> lockStatus(Handle h, String volumeId) {
        return h.createQuery("select status from volume where id = :id for update").bind("id", volumeId)
                .mapTo(String.class).findOne();
    }
}
