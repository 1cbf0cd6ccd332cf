package io.cascadia.emulator.compute;

/** A volume attached to a server, as Nova's block device mapping records it. */
record VolumeAttachment(String volumeId, String device, String tag, boolean deleteOnTermination) {
}
