package io.cascadia.core.error;

import static java.util.Objects.requireNonNull;

/**
 * A failure that the API reports to its caller with a 4xx or 5xx status and the service's own fault body.
 *
 * <p>{@code type} is the name Neutron puts in {@code NeutronError.type} (for example {@code NetworkNotFound});
 * other services ignore it.
 */
public class OpenStackException extends RuntimeException {
    private final ErrorKind kind;
    private final String type;

    public OpenStackException(ErrorKind kind, String message) {
        this(kind, null, message);
    }

    public OpenStackException(ErrorKind kind, String type, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.kind = requireNonNull(kind, "kind is null");
        this.type = type;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The Neutron fault type, or null when the thrower named none. */
    public String type() {
        return type;
    }

    public static OpenStackException badRequest(String message) {
        return new OpenStackException(ErrorKind.BAD_REQUEST, message);
    }

    public static OpenStackException unauthorized(String message) {
        return new OpenStackException(ErrorKind.UNAUTHORIZED, message);
    }

    public static OpenStackException forbidden(String message) {
        return new OpenStackException(ErrorKind.FORBIDDEN, message);
    }

    public static OpenStackException notFound(String message) {
        return new OpenStackException(ErrorKind.NOT_FOUND, message);
    }

    public static OpenStackException conflict(String message) {
        return new OpenStackException(ErrorKind.CONFLICT, message);
    }
}
