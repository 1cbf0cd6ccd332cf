package io.cascadia.api.compute;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.volume.Volume;
import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.store.volume.VolumeAttachments;
import io.cascadia.store.volume.VolumeObservations;
import io.cascadia.store.volume.Volumes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Volumes given to and taken from servers at the top, as Nova reserves them: the volume's row is locked, its status
 * checked, the attachment recorded ({@code attaching} or {@code detaching}), the volume given that status, and the
 * {@code volume.attachment} job that has the site's Nova do it enqueued, all in the caller's transaction.
 */
final class VolumeReservations {
    private final Volumes volumes;
    private final VolumeAttachments attachments;
    private final VolumeObservations observations;
    private final RoutingTable routing;
    private final JobQueue jobs;
    private final Clock clock;

    VolumeReservations(Volumes volumes, VolumeAttachments attachments, VolumeObservations observations, RoutingTable routing,
                       JobQueue jobs, Clock clock) {
        this.volumes = volumes;
        this.attachments = attachments;
        this.observations = observations;
        this.routing = routing;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The volume if the caller's project owns it or the caller is an administrator; else Cinder's not-found. */
    Volume visible(ComputeContext c, String id) {
        return volumes.find(id)
                .filter(v -> c.admin() || v.projectId().equals(c.auth().projectId()))
                .orElseThrow(() -> Nova.notFound("Volume " + Nova.show(id) + " could not be found."));
    }

    /** The site holding the copy of a server or volume, once one was chosen. */
    Optional<String> siteOf(String topId, ResourceKind kind) {
        return routing.forTop(topId, kind).stream().map(Routing::region).findFirst();
    }

    /**
     * Reserves an available volume for a server. Call in a transaction.
     *
     * @param device the device name asked for, or null for the next free one
     * @throws OpenStackException 400 when the volume is not available or already attached to the server
     */
    VolumeAttachment reserve(Volume volume, String serverId, String device, String tag, Integer bootIndex,
                             boolean deleteOnTermination) {
        String status = observations.lockStatus(volume.id())
                .orElseThrow(() -> Nova.notFound("Volume " + volume.id() + " could not be found."));
        if (attachments.find(volume.id()).filter(a -> a.serverId().equals(serverId)).isPresent()) {
            throw OpenStackException.badRequest("Invalid volume: volume " + volume.id() + " already attached");
        }
        if (!status.equals("available")) {
            throw OpenStackException.badRequest("Invalid volume: volume " + volume.id() + " status must be 'available'. Currently in '"
                    + status + "'");
        }
        Instant now = now();
        List<VolumeAttachment> present = attachments.forServers(List.of(serverId)).getOrDefault(serverId, List.of());
        String name = device != null ? device : bootIndex != null && bootIndex == 0 ? "/dev/vda" : nextDevice(present);
        VolumeAttachment attachment = new VolumeAttachment(volume.id(), Ids.uuid(), serverId, name, tag, bootIndex,
                deleteOnTermination, VolumeAttachment.State.ATTACHING, null, null, null, now, now);
        attachments.insert(attachment);
        observations.setStatus(volume.id(), "available", "attaching", now);
        jobs.enqueue(JobSpec.of(JobType.VOLUME_ATTACHMENT, volume.id(), siteOf(volume.id(), ResourceKind.VOLUME).orElse(null)));
        return attachment;
    }

    /**
     * Asks for an attached volume to be detached. Call in a transaction.
     *
     * @throws OpenStackException 400 when the volume is not attached (yet, or any more)
     */
    void release(VolumeAttachment attachment) {
        String status = observations.lockStatus(attachment.volumeId()).orElse("deleted");
        VolumeAttachment current = attachments.find(attachment.volumeId()).orElse(null);
        if (!status.equals("in-use") || current == null || current.state() != VolumeAttachment.State.ATTACHED) {
            throw OpenStackException.badRequest("Invalid volume: Unable to detach volume. Volume status must be 'in-use' and"
                    + " attach_status must be 'attached' to detach.");
        }
        Instant now = now();
        attachments.beginDetach(attachment.volumeId(), now);
        observations.setStatus(attachment.volumeId(), "in-use", "detaching", now);
        jobs.enqueue(JobSpec.of(JobType.VOLUME_ATTACHMENT, attachment.volumeId(),
                siteOf(attachment.volumeId(), ResourceKind.VOLUME).orElse(null)));
    }

    /** Nova's next device name: {@code /dev/vdb}, {@code /dev/vdc}, ... past those the server has. */
    private static String nextDevice(List<VolumeAttachment> present) {
        Set<String> taken = new HashSet<>();
        present.forEach(a -> taken.add(a.device()));
        for (char letter = 'b'; letter <= 'z'; letter++) {
            if (!taken.contains("/dev/vd" + letter)) {
                return "/dev/vd" + letter;
            }
        }
        throw OpenStackException.badRequest("No free disk device names for prefix 'vd'");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
