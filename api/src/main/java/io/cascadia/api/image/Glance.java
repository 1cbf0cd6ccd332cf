package io.cascadia.api.image;

import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;

/** Glance's faults, whose messages clients show as they are. */
final class Glance {
    private Glance() {
    }

    static OpenStackException notFound(String id) {
        return OpenStackException.notFound("No image found with ID " + show(id));
    }

    static OpenStackException forbidden(String message) {
        return new OpenStackException(ErrorKind.FORBIDDEN, message);
    }

    static OpenStackException badRequest(String message) {
        return OpenStackException.badRequest(message);
    }

    static String show(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
