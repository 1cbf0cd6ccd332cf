package io.cascadia.emulator.compute;

import java.time.Instant;

/** Where a server is in its life: the three Nova states, launch and termination times, and the fault if any. */
record ServerState(VmState vmState, TaskState taskState, PowerState powerState, Instant launchedAt, Instant terminatedAt,
                   ServerFault fault) {

    static ServerState building() {
        return new ServerState(VmState.BUILDING, TaskState.SCHEDULING, PowerState.NOSTATE, null, null, null);
    }

    ServerStatus status() {
        return ServerStatus.of(vmState, taskState);
    }

    boolean idle() {
        return taskState == null;
    }

    ServerState withTask(TaskState task) {
        return new ServerState(vmState, task, powerState, launchedAt, terminatedAt, fault);
    }

    ServerState settled(VmState vm, PowerState power) {
        return new ServerState(vm, null, power, launchedAt, terminatedAt, fault);
    }
}
