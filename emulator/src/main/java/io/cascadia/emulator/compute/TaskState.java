package io.cascadia.emulator.compute;

/** Nova's {@code task_state}: what a server is busy with; null when idle. */
enum TaskState {
    SCHEDULING("scheduling"),
    POWERING_OFF("powering-off"),
    POWERING_ON("powering-on"),
    REBOOT_STARTED("reboot_started"),
    REBOOT_STARTED_HARD("reboot_started_hard"),
    DELETING("deleting");

    private final String apiName;

    TaskState(String apiName) {
        this.apiName = apiName;
    }

    String apiName() {
        return apiName;
    }
}
