package io.cascadia.emulator.compute;

/** Nova's {@code vm_state}, as far as the site's servers go. */
enum VmState {
    BUILDING("building"),
    ACTIVE("active"),
    STOPPED("stopped"),
    ERROR("error"),
    DELETED("deleted");

    private final String apiName;

    VmState(String apiName) {
        this.apiName = apiName;
    }

    String apiName() {
        return apiName;
    }
}
