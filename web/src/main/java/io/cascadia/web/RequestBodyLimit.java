package io.cascadia.web;

import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.regex.Pattern;

/**
 * The largest request body the server accepts, on every route, public ones included. A body declared longer is
 * refused with 413 before a byte of it is read; a body without a declared length (chunked) is refused once reading it
 * passes the limit (Javalin's {@code maxRequestSize}, which {@code ctx.body()} enforces). The one exception is Glance
 * image data, {@code PUT <image prefix>/v2/images/{id}/file}, whose handler streams the body to storage and caps it
 * itself.
 */
final class RequestBodyLimit {
    /** 1 MiB: far above any OpenStack JSON body (Nova and Keystone themselves refuse more than 112 KiB). */
    static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    static final String MESSAGE = "Request is too large.";
    private static final Pattern IMAGE_DATA = Pattern.compile(".*/v2/images/[^/]+/file");

    private final long maxBytes;

    RequestBodyLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Refuses a request whose declared body is over the limit.
     *
     * @throws OpenStackException PAYLOAD_TOO_LARGE, which the server renders in the fault format of the path's service
     */
    void check(Context ctx, Service service) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes && !streams(service, ctx.method(), ctx.path())) {
            throw new OpenStackException(ErrorKind.PAYLOAD_TOO_LARGE, MESSAGE);
        }
    }

    /** Whether the route streams its body and so is not bounded here: Glance image data only. */
    static boolean streams(Service service, HandlerType method, String path) {
        return service == Service.IMAGE && method == HandlerType.PUT && IMAGE_DATA.matcher(path).matches();
    }
}
