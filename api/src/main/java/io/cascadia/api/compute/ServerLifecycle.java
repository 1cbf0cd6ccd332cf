package io.cascadia.api.compute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.compute.Server;
import io.cascadia.core.compute.ServerAction;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.jobs.JobSpec;
import io.cascadia.core.jobs.JobType;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.routing.RoutingState;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.jobs.JobQueue;
import io.cascadia.store.routing.RoutingTable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * What users do to a server that its site must also do: power actions ({@code os-stop}, {@code os-start},
 * {@code reboot}, {@code pause}, {@code unpause}, {@code suspend}, {@code resume}) and renames or metadata changes.
 * An action is checked against Nova's allowed vm states; the action asked for and Nova's task state are recorded with
 * the server, and {@code server.action} enqueued for its site, in one transaction. The site's resulting state comes
 * back through the pollers. A change to name or metadata enqueues {@code server.update} (once, however many changes
 * pile up before it runs).
 */
final class ServerLifecycle {

    /** Nova's rule for one action: the vm states it is allowed in, the task state it sets, and what the site does. */
    private record Rule(Set<String> vmStates, String taskState, ServerAction action) {
    }

    private static final Map<String, Rule> RULES = Map.of(
            "os-stop", new Rule(Set.of("active", "error"), "powering-off", ServerAction.STOP),
            "os-start", new Rule(Set.of("stopped"), "powering-on", ServerAction.START),
            "pause", new Rule(Set.of("active"), "pausing", ServerAction.PAUSE),
            "unpause", new Rule(Set.of("paused"), "unpausing", ServerAction.UNPAUSE),
            "suspend", new Rule(Set.of("active"), "suspending", ServerAction.SUSPEND),
            "resume", new Rule(Set.of("suspended"), "resuming", ServerAction.RESUME));
    private static final Rule SOFT_REBOOT = new Rule(Set.of("active"), "reboot_pending", ServerAction.SOFT_REBOOT);
    private static final Rule HARD_REBOOT = new Rule(Set.of("active", "stopped", "paused", "suspended", "error"),
            "reboot_pending_hard", ServerAction.HARD_REBOOT);

    private final Jdbi jdbi;
    private final Servers servers;
    private final RoutingTable routing;
    private final JobQueue jobs;
    private final Clock clock;

    ServerLifecycle(Jdbi jdbi, Servers servers, RoutingTable routing, JobQueue jobs, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Whether Cascadia forwards this action to the server's site. */
    static boolean forwards(String action) {
        return RULES.containsKey(action) || action.equals("reboot");
    }

    /**
     * Starts an action: 409 as Nova answers when the server is in the wrong state (or not yet built in a site),
     * else the task state is set and the site's job written.
     */
    void act(Server server, String action, JsonNode argument) {
        Rule rule = action.equals("reboot") ? rebootRule(argument) : RULES.get(action);
        if (server.taskState() != null && !server.taskState().isEmpty() || !rule.vmStates().contains(server.vmState())) {
            throw OpenStackException.conflict("Cannot '" + action + "' instance " + server.id() + " while it is in "
                    + (server.taskState() != null && !server.taskState().isEmpty() ? "task_state " + server.taskState()
                    : "vm_state " + server.vmState()));
        }
        String region = placed(server).orElseThrow(() -> OpenStackException.conflict(
                "Cannot '" + action + "' instance " + server.id() + " while it is in vm_state building"));
        jdbi.useTransaction(h -> {
            servers.requestAction(server.id(), rule.action(), rule.taskState(), now());
            jobs.enqueueUnlessPending(JobSpec.of(JobType.SERVER_ACTION, server.id(), region));
        });
    }

    /** Writes a change of the server's own fields; a rename is written with the job that takes it to the site. */
    void update(Server current, Server updated) {
        jdbi.useTransaction(h -> {
            servers.update(updated);
            if (!updated.name().equals(current.name())) {
                changed(updated);
            }
        });
    }

    /** Replaces the server's metadata, with the job that takes it to the site, in one transaction. */
    void replaceMetadata(Server server, Map<String, String> metadata) {
        jdbi.useTransaction(h -> {
            servers.replaceMetadata(server.id(), metadata, now());
            changed(server);
        });
    }

    /** After a rename or a metadata change: the site's copy follows, if there is one. Call in a transaction. */
    private void changed(Server server) {
        placed(server).ifPresent(region ->
                jobs.enqueueUnlessPending(JobSpec.of(JobType.SERVER_UPDATE, server.id(), region)));
    }

    private Optional<String> placed(Server server) {
        return routing.forTop(server.id(), ResourceKind.SERVER).stream()
                .filter(row -> row.state() == RoutingState.ACTIVE && row.bottomId() != null)
                .map(Routing::region)
                .findFirst();
    }

    private static Rule rebootRule(JsonNode argument) {
        String type = argument != null && argument.isObject() ? argument.path("type").asText("") : "";
        return switch (type.toUpperCase(java.util.Locale.ROOT)) {
            case "SOFT" -> SOFT_REBOOT;
            case "HARD" -> HARD_REBOOT;
            default -> throw OpenStackException.badRequest(
                    "Invalid input for field/attribute type. Value: " + Nova.show(type) + ". '" + Nova.show(type)
                            + "' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']");
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
