package io.cascadia.core.volume;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A volume attached to a server, as the top holds it: what the user asked for ({@link State#ATTACHING},
 * {@link State#DETACHING}) until the volume's site confirms it, then {@link State#ATTACHED}. A volume is attached
 * to at most one server (no multiattach).
 *
 * @param id the attachment id users see (Cinder's {@code attachment_id})
 * @param device the device name in the server, e.g. {@code /dev/vdb}
 * @param tag the device tag the user gave, or null
 * @param bootIndex 0 for the root volume of a server booted from it, else null
 * @param hostName the compute host the site reports once attached, else null
 * @param siteAskedAt when the site was asked to make the pending change, null before; a site that is back where it
 *     was after being asked has refused the change
 */
public record VolumeAttachment(String volumeId, String id, String serverId, String device, String tag, Integer bootIndex,
                               boolean deleteOnTermination, State state, String hostName, Instant attachedAt,
                               Instant siteAskedAt, Instant createdAt, Instant updatedAt) {
    public VolumeAttachment {
        requireNonNull(volumeId, "volumeId is null");
        requireNonNull(id, "id is null");
        requireNonNull(serverId, "serverId is null");
        requireNonNull(state, "state is null");
    }

    /** Where an attachment stands. */
    public enum State {
        ATTACHING, ATTACHED, DETACHING;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isRoot() {
        return bootIndex != null && bootIndex == 0;
    }
}
