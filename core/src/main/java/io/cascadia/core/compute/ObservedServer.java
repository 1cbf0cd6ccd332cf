package io.cascadia.core.compute;

import java.time.Instant;

/**
 * A server as its site shows it, to be copied to the top: Nova's status and finer states, the site's host, when it
 * launched, and the fault of a server in ERROR (null otherwise).
 */
public record ObservedServer(String status, String vmState, String taskState, int powerState, String host,
                             Instant launchedAt, Fault fault) {

    /** Nova's fault of a server in ERROR. */
    public record Fault(int code, String message, String details, Instant created) {
    }
}
