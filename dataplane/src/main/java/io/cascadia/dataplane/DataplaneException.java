package io.cascadia.dataplane;

/** A dataplane command failed; the message names the command and what it printed. */
public final class DataplaneException extends RuntimeException {
    public DataplaneException(String message) {
        super(message);
    }

    public DataplaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
