package io.cascadia.core.volume;

import java.time.Instant;

/**
 * A volume as its site shows it, to be copied to the top: Cinder's status and size, and where it is attached
 * (null when it is not, or attached to a server the top does not know).
 */
public record ObservedVolume(String status, int sizeGb, Attachment attachment) {

    /** The site's attachment, with the server mapped to its top id. */
    public record Attachment(String serverId, String device, String hostName, Instant attachedAt) {
    }
}
