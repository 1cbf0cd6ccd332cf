package io.cascadia.emulator.compute;

/** Nova's {@code power_state} codes. */
enum PowerState {
    NOSTATE(0),
    RUNNING(1),
    SHUTDOWN(4);

    private final int code;

    PowerState(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
