package io.cascadia.api.compute;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.volume.Volume;

/**
 * Boot from volume: the root volume a server create names in {@code block_device_mapping_v2} (read by
 * {@link ServerCreateRequest}). The server is then built in the volume's site and zone, and the volume is reserved
 * for it with the server's create.
 */
final class BootVolumes {
    private final VolumeReservations reservations;

    BootVolumes(VolumeReservations reservations) {
        this.reservations = reservations;
    }

    /** The volume a server boots from and whether it goes with the server. */
    record Root(Volume volume, boolean deleteOnTermination) {
    }

    /** The root volume the create asks for, when the caller may use it. */
    Root root(ComputeContext c, ServerCreateRequest.RootVolume asked) {
        Volume volume;
        try {
            volume = reservations.visible(c, asked.volumeId());
        } catch (OpenStackException notFound) {
            throw OpenStackException.badRequest("Block Device Mapping is Invalid: failed to get volume "
                    + Nova.show(asked.volumeId()) + ".");
        }
        return new Root(volume, asked.deleteOnTermination());
    }

    /** The zone of a server booted from the volume: the volume's; a different one asked for is refused. */
    String zone(Root root, String requested) {
        String zone = root.volume().availabilityZone();
        if (requested != null && zone != null && !requested.equals(zone)) {
            throw OpenStackException.badRequest("Volume " + root.volume().id() + " is in availability zone " + zone + ", not "
                    + requested + ": a server boots from a volume in the volume's zone.");
        }
        return zone != null ? zone : requested;
    }

    /** Reserves the root volume for the new server, in the create's transaction. */
    void reserve(Root root, String serverId) {
        reservations.reserve(root.volume(), serverId, "/dev/vda", null, 0, root.deleteOnTermination());
    }
}
