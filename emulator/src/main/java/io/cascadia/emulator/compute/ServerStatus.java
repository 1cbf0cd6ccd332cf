package io.cascadia.emulator.compute;

import java.util.Locale;
import java.util.Optional;

/** The {@code status} Nova shows, derived from {@code vm_state} and {@code task_state} as Nova maps them. */
enum ServerStatus {
    BUILD, ACTIVE, REBOOT, HARD_REBOOT, SHUTOFF, ERROR, DELETED;

    static ServerStatus of(VmState vmState, TaskState taskState) {
        return switch (vmState) {
            case BUILDING -> BUILD;
            case ACTIVE -> taskState == TaskState.REBOOT_STARTED ? REBOOT
                    : taskState == TaskState.REBOOT_STARTED_HARD ? HARD_REBOOT : ACTIVE;
            case STOPPED -> SHUTOFF;
            case ERROR -> ERROR;
            case DELETED -> DELETED;
        };
    }

    /** Whether Nova shows {@code progress} for servers in this status. */
    boolean showsProgress() {
        return this == ACTIVE || this == BUILD;
    }

    /** A status as clients write it in {@code ?status=}; empty for a name Nova does not know. */
    static Optional<ServerStatus> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
