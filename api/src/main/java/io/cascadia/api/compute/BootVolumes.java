package io.cascadia.api.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.volume.Volume;

/**
 * Boot from volume: the root volume a server create names in {@code block_device_mapping_v2} (boot index 0, source
 * and destination {@code volume}). The server is then built in the volume's site and zone, and the volume is reserved
 * for it with the server's create. Other mappings (more volumes, volumes made from images, ephemeral disks) are
 * refused with a clear message.
 */
final class BootVolumes {
    private final VolumeReservations reservations;

    BootVolumes(VolumeReservations reservations) {
        this.reservations = reservations;
    }

    /** The volume a server boots from and whether it goes with the server. */
    record Root(Volume volume, boolean deleteOnTermination) {
    }

    /** The root volume the create asks for, or null when it boots from an image. */
    Root root(ComputeContext c, JsonNode body) {
        JsonNode mappings = body.get("block_device_mapping_v2");
        if (body.has("block_device_mapping")) {
            throw OpenStackException.badRequest("Cascadia takes block_device_mapping_v2 only: give the root volume there.");
        }
        if (mappings == null || mappings.isNull()) {
            return null;
        }
        if (!mappings.isArray()) {
            throw Nova.invalid("block_device_mapping_v2", mappings, "is not of type 'array'");
        }
        if (mappings.isEmpty()) {
            return null;
        }
        if (mappings.size() > 1) {
            throw OpenStackException.badRequest("Cascadia boots a server from one volume (boot_index 0) only: attach more volumes"
                    + " once the server is active.");
        }
        JsonNode mapping = mappings.get(0);
        if (!mapping.isObject()) {
            throw Nova.invalid("block_device_mapping_v2", mapping, "is not of type 'object'");
        }
        String source = Nova.string(mapping, "source_type", 1, 255);
        String destination = Nova.string(mapping, "destination_type", 1, 255);
        String bootIndex = mapping.path("boot_index").asText("");
        if (!"volume".equals(source) || (destination != null && !destination.equals("volume")) || !bootIndex.equals("0")) {
            throw OpenStackException.badRequest("Cascadia boots from an existing volume only: block_device_mapping_v2 needs"
                    + " source_type volume, destination_type volume and boot_index 0.");
        }
        String id = Nova.string(mapping, "uuid", 1, 255);
        if (id == null) {
            throw OpenStackException.badRequest("Block Device Mapping is Invalid: Missing device UUID.");
        }
        Volume volume;
        try {
            volume = reservations.visible(c, id);
        } catch (OpenStackException notFound) {
            throw OpenStackException.badRequest("Block Device Mapping is Invalid: failed to get volume " + Nova.show(id) + ".");
        }
        return new Root(volume, Boolean.TRUE.equals(Nova.bool(mapping, "delete_on_termination")));
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
