package io.cascadia.emulator.runtime;

/** What one host offers to servers, as Nova's resource tracker reports it. */
public record HostCapacity(int vcpus, long memoryMb, long diskGb) {
    public static final HostCapacity DEFAULT = new HostCapacity(64, 262_144, 4_096);

    public HostCapacity {
        if (vcpus < 1 || memoryMb < 1 || diskGb < 1) {
            throw new IllegalArgumentException("host capacity must be positive, got: vcpus=%d memory_mb=%d disk_gb=%d"
                    .formatted(vcpus, memoryMb, diskGb));
        }
    }
}
