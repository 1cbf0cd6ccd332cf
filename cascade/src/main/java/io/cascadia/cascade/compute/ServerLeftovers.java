package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.compute.Server;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.store.compute.Flavors;
import io.cascadia.store.image.Images;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.volume.VolumeAttachments;
import io.cascadia.store.volume.VolumeObservations;
import java.time.Instant;
import java.util.List;

/**
 * What a deleted server leaves to other reconcilers, handed over in the transaction that forgets it at the top: its
 * volumes become {@code detaching} (the site's Nova detached them with the server) for {@code volume.attachment} to
 * settle, and copies of its image or flavor deleted at the top meanwhile are released once no server needs them.
 */
public final class ServerLeftovers {
    private final VolumeAttachments attachments;
    private final VolumeObservations volumes;
    private final Images images;
    private final Flavors flavors;
    private final JobQueue queue;

    public ServerLeftovers(VolumeAttachments attachments, VolumeObservations volumes, Images images, Flavors flavors,
                           JobQueue queue) {
        this.attachments = requireNonNull(attachments, "attachments is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.images = requireNonNull(images, "images is null");
        this.flavors = requireNonNull(flavors, "flavors is null");
        this.queue = requireNonNull(queue, "queue is null");
    }

    /** Call inside the transaction that deletes the server at the top. */
    public void handOver(Server server, Instant now) {
        for (VolumeAttachment attachment : attachments.forServers(List.of(server.id())).getOrDefault(server.id(), List.of())) {
            volumes.lockStatus(attachment.volumeId());
            attachments.beginDetach(attachment.volumeId(), now);
            volumes.setStatus(attachment.volumeId(), null, "detaching", now);
            queue.enqueue(JobSpec.of(JobType.VOLUME_ATTACHMENT, attachment.volumeId(), null));
        }
        if (server.imageId() != null && images.find(server.imageId()).isEmpty()) {
            queue.enqueueUnlessPending(JobSpec.of(JobType.IMAGE_RELEASE, server.imageId(), null));
        }
        if (flavors.find(server.flavor().id()).isEmpty()) {
            queue.enqueueUnlessPending(JobSpec.of(JobType.FLAVOR_SYNC, server.flavor().id(), null));
        }
    }
}
