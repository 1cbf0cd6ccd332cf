package io.cascadia.core.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;

/**
 * A power action asked for at the top and not yet taken to the server's site: the desired change the nova proxy
 * reconciles toward, kept with the server (never in a job) so that a retried or repeated job does the latest ask.
 */
public enum ServerAction {
    STOP("os-stop"),
    START("os-start"),
    PAUSE("pause"),
    UNPAUSE("unpause"),
    SUSPEND("suspend"),
    RESUME("resume"),
    SOFT_REBOOT("reboot"),
    HARD_REBOOT("reboot");

    private final String novaAction;

    ServerAction(String novaAction) {
        this.novaAction = novaAction;
    }

    /** The body of Nova's {@code POST /servers/{id}/action} that does it, e.g. {@code {"reboot": {"type": "HARD"}}}. */
    public ObjectNode novaBody() {
        ObjectNode body = Json.object();
        switch (this) {
            case SOFT_REBOOT -> body.putObject(novaAction).put("type", "SOFT");
            case HARD_REBOOT -> body.putObject(novaAction).put("type", "HARD");
            case STOP, START, PAUSE, UNPAUSE, SUSPEND, RESUME -> body.putNull(novaAction);
        }
        return body;
    }
}
