package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.emulator.network.Ports;
import io.cascadia.emulator.runtime.Transitions;
import io.cascadia.emulator.volume.Volumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The life of a server. A new server is BUILD ({@code building/scheduling}) for the build latency, then ACTIVE with
 * its ports plugged (ACTIVE in Neutron) and its volumes in-use — or ERROR with a fault when no host had room or the
 * fault plan fails the build, in which case its host capacity and ports are given back. Stop, start and reboot are
 * accepted only in the states Nova accepts them in (409 otherwise), set the task state at once and finish after the
 * action latency; stopping unplugs the ports, starting plugs them again.
 *
 * <p>Every change of the site's servers runs under one lock ({@link #locked}); a delayed step finds the server as it
 * is by then and does nothing if it was deleted or moved on.
 */
final class ServerStateMachine {
    static final String NO_VALID_HOST = "No valid host was found. There are not enough hosts available.";

    private final ReentrantLock lock = new ReentrantLock();
    private final ServerTable table;
    private final Transitions transitions;
    private final Ports ports;
    private final Volumes volumes;
    private final ComputeHosts hosts;
    private final Duration buildLatency;
    private final Duration actionLatency;
    private final Clock clock;

    ServerStateMachine(ServerTable table, Transitions transitions, Ports ports, Volumes volumes, ComputeHosts hosts,
                       Duration buildLatency, Duration actionLatency, Clock clock) {
        this.table = table;
        this.transitions = transitions;
        this.ports = ports;
        this.volumes = volumes;
        this.hosts = hosts;
        this.buildLatency = buildLatency;
        this.actionLatency = actionLatency;
        this.clock = clock;
    }

    <T> T locked(Supplier<T> change) {
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** Starts the build of a stored server; it ends ACTIVE, or ERROR when {@code fails} or it has no host. */
    void build(Server server, boolean fails) {
        transitions.after(buildLatency, () -> locked(() -> {
            table.find(server.id())
                    .filter(current -> current.state().vmState() == VmState.BUILDING
                            && current.state().taskState() != TaskState.DELETING)
                    .ifPresent(current -> finishBuild(current, fails));
            return null;
        }));
    }

    private void finishBuild(Server server, boolean fails) {
        Instant now = now();
        if (server.spec().host() == null || fails) {
            ServerFault fault = server.spec().host() == null
                    ? new ServerFault(500, NO_VALID_HOST, "", now)
                    : new ServerFault(500, "Build of instance " + server.id() + " aborted: Failed to spawn the instance on "
                            + server.spec().host() + ".", "The emulated site's fault plan failed this build.", now);
            hosts.release(server.spec().host(), server.spec().flavor());
            for (String portId : server.portIds()) {
                ports.releaseFromServer(portId, server.spec().createdPortIds().contains(portId));
            }
            for (VolumeAttachment attachment : server.volumes()) {
                volumes.detach(attachment.volumeId(), true);
            }
            ServerState failed = new ServerState(VmState.ERROR, null, PowerState.NOSTATE, null, null, fault);
            table.put(withInterfaces(server, List.of(), List.of()).withState(failed, now));
            return;
        }
        for (String portId : server.portIds()) {
            ports.setDeviceUp(portId, true);
        }
        for (VolumeAttachment attachment : server.volumes()) {
            volumes.attach(attachment.volumeId(), server.id(), attachment.device(), server.spec().host(), true);
        }
        table.put(server.withState(new ServerState(VmState.ACTIVE, null, PowerState.RUNNING, now, null, null), now));
    }

    /** Stops an ACTIVE server: {@code powering-off}, then SHUTOFF with its ports down. */
    void stop(Server server) {
        require(server, "stop", VmState.ACTIVE);
        begin(server, TaskState.POWERING_OFF, current -> {
            current.portIds().forEach(portId -> ports.setDeviceUp(portId, false));
            return current.state().settled(VmState.STOPPED, PowerState.SHUTDOWN);
        });
    }

    /** Starts a SHUTOFF server: {@code powering-on}, then ACTIVE with its ports up. */
    void start(Server server) {
        require(server, "start", VmState.STOPPED);
        begin(server, TaskState.POWERING_ON, current -> {
            current.portIds().forEach(portId -> ports.setDeviceUp(portId, true));
            return current.state().settled(VmState.ACTIVE, PowerState.RUNNING);
        });
    }

    /** Reboots: REBOOT (soft, ACTIVE only) or HARD_REBOOT (ACTIVE or SHUTOFF), then ACTIVE with its ports up. */
    void reboot(Server server, boolean hard) {
        if (hard) {
            require(server, "reboot", VmState.ACTIVE, VmState.STOPPED);
        } else {
            require(server, "reboot", VmState.ACTIVE);
        }
        begin(server, hard ? TaskState.REBOOT_STARTED_HARD : TaskState.REBOOT_STARTED, current -> {
            current.portIds().forEach(portId -> ports.setDeviceUp(portId, true));
            return current.state().settled(VmState.ACTIVE, PowerState.RUNNING);
        });
    }

    /**
     * @throws OpenStackException 409 as Nova words it when the server is busy or in another state
     */
    static void require(Server server, String action, VmState... allowed) {
        ServerState state = server.state();
        if (!state.idle()) {
            throw OpenStackException.conflict("Cannot '" + action + "' instance " + server.id()
                    + " while it is in task_state " + state.taskState().apiName());
        }
        for (VmState vmState : allowed) {
            if (state.vmState() == vmState) {
                return;
            }
        }
        throw OpenStackException.conflict("Cannot '" + action + "' instance " + server.id()
                + " while it is in vm_state " + state.vmState().apiName());
    }

    /** The step that ends an action, given the server as it is then. */
    @FunctionalInterface
    private interface Finish {
        ServerState apply(Server current);
    }

    /**
     * Deletes as Nova does: accepted at once, the server is listed with task state {@code deleting} until its host has
     * removed it, after the action latency ({@code remove} then releases what it holds).
     */
    void delete(Server server, Consumer<Server> remove) {
        table.put(server.withState(server.state().withTask(TaskState.DELETING), now()));
        transitions.after(actionLatency, () -> locked(() -> {
            table.find(server.id()).ifPresent(remove);
            return null;
        }));
    }

    private void begin(Server server, TaskState task, Finish finish) {
        table.put(server.withState(server.state().withTask(task), now()));
        transitions.after(actionLatency, () -> locked(() -> {
            table.find(server.id())
                    .filter(current -> current.state().taskState() == task)
                    .ifPresent(current -> table.put(current.withState(finish.apply(current), now())));
            return null;
        }));
    }

    static Server withInterfaces(Server server, List<String> portIds, List<VolumeAttachment> volumes) {
        return new Server(server.id(), server.projectId(), server.userId(), server.name(), server.description(),
                server.spec(), server.state(), List.copyOf(portIds), List.copyOf(volumes), server.metadata(), server.tags(),
                server.accessIPv4(), server.accessIPv6(), server.createdAt(), server.updatedAt());
    }
}
