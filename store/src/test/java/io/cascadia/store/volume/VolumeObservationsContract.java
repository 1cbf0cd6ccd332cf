package io.cascadia.store.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.core.volume.ObservedVolume;
import io.cascadia.core.volume.Volume;
import io.cascadia.core.volume.VolumeAttachment;
import io.cascadia.store.Database;
import io.cascadia.store.DatabaseConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the cinder proxy observes reaches the top volume and its attachment, except while a job is in charge of the
 * volume, which then settles it itself.
 */
abstract class VolumeObservationsContract {
    private Database database;
    private Volumes volumes;
    private VolumeAttachments attachments;
    private VolumeObservations observations;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    abstract DatabaseConfig newDatabase();

    @BeforeEach
    void open() {
        database = Database.open(newDatabase(), null);
        volumes = new Volumes(database.jdbi());
        attachments = new VolumeAttachments(database.jdbi());
        observations = new VolumeObservations(database.jdbi());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String volume(String status) {
        String id = java.util.UUID.randomUUID().toString();
        volumes.insert(new Volume(id, "project", "user", "v", null, 1, status, "__DEFAULT__", null, false, null, null, null,
                false, Map.of(), now, now));
        return id;
    }

    @Test
    void anObservationCopiesStatusSizeAndAttachmentAndChangesNothingTheSecondTime() {
        String id = volume("creating");
        ObservedVolume inUse = new ObservedVolume("in-use", 2,
                new ObservedVolume.Attachment("server-1", "/dev/vdb", "host-1", now.minusSeconds(1)));

        assertThat(observations.apply(id, inUse, now)).isTrue();
        assertThat(observations.apply(id, inUse, now.plusSeconds(1))).as("nothing new").isFalse();

        Volume volume = volumes.find(id).orElseThrow();
        assertThat(volume.status()).isEqualTo("in-use");
        assertThat(volume.sizeGb()).isEqualTo(2);
        assertThat(volume.updatedAt()).isEqualTo(now);
        VolumeAttachment attachment = attachments.find(id).orElseThrow();
        assertThat(attachment.state()).isEqualTo(VolumeAttachment.State.ATTACHED);
        assertThat(attachment.serverId()).isEqualTo("server-1");
        assertThat(attachment.hostName()).isEqualTo("host-1");
        assertThat(attachments.forServers(List.of("server-1", "server-2"))).containsOnlyKeys("server-1");

        assertThat(observations.apply(id, new ObservedVolume("available", 2, null), now)).isTrue();
        assertThat(attachments.find(id)).isEmpty();
    }

    @Test
    void aVolumeAJobIsInChargeOfIsSettledOnlyByThatJob() {
        String id = volume("available");
        attachments.insert(new VolumeAttachment(id, "attachment-1", "server-1", "/dev/vdc", "data", null, true,
                VolumeAttachment.State.ATTACHING, null, null, null, now, now));
        observations.setStatus(id, "available", "attaching", now);
        ObservedVolume stillAvailable = new ObservedVolume("available", 1, null);

        assertThat(observations.apply(id, stillAvailable, now)).as("a poll while the job works").isFalse();
        assertThat(attachments.find(id)).isPresent();
        assertThat(observations.settle(id, "detaching", stillAvailable, now)).as("another job's status").isFalse();

        ObservedVolume attached = new ObservedVolume("in-use", 1,
                new ObservedVolume.Attachment("server-1", "/dev/vdc", "host-2", now));
        assertThat(observations.settle(id, "attaching", attached, now)).isTrue();

        assertThat(volumes.find(id).orElseThrow().status()).isEqualTo("in-use");
        VolumeAttachment attachment = attachments.find(id).orElseThrow();
        assertThat(attachment.id()).as("the attachment keeps its id").isEqualTo("attachment-1");
        assertThat(attachment.state()).isEqualTo(VolumeAttachment.State.ATTACHED);
        assertThat(attachment.tag()).isEqualTo("data");
        assertThat(attachment.deleteOnTermination()).isTrue();
        assertThat(attachment.hostName()).isEqualTo("host-2");
    }

    @Test
    void theStatusIsLockedForAWholeTransaction() {
        String id = volume("available");
        String seen = database.jdbi().inTransaction(h -> {
            String status = observations.lockStatus(id).orElseThrow();
            observations.setStatus(id, status, "attaching", now);
            return status;
        });
        assertThat(seen).isEqualTo("available");
        assertThat(observations.lockStatus("missing")).isEmpty();
        assertThat(observations.setStatus(id, "available", "error", now)).as("no longer available").isFalse();
    }
}
