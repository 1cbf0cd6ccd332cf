package io.cascadia.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids in OpenStack's form. Every response carries {@code x-openstack-request-id: req-<uuid>}; a caller's
 * own {@code X-OpenStack-Request-ID} in that form is kept as the global request id, as oslo.middleware does.
 */
public final class RequestIds {
    public static final String HEADER = "x-openstack-request-id";
    public static final String MDC_KEY = "request_id";
    public static final String GLOBAL_MDC_KEY = "global_request_id";

    private static final Pattern VALID = Pattern.compile("req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private RequestIds() {
    }

    public static String next() {
        return "req-" + UUID.randomUUID();
    }

    /** True for ids in the {@code req-<uuid>} form; anything else a caller sends is ignored. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
