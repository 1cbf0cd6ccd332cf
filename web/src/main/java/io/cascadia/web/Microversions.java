package io.cascadia.web;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Microversion negotiation as Nova and Cinder do it: the version comes from {@code OpenStack-API-Version:
 * <service> <version>} (or the service's legacy header), {@code latest} means the maximum, no header means the
 * minimum; a version outside the range answers 406. The chosen version is echoed in the response headers.
 *
 * <p>The maximum may move while the server runs (the top advertises the lowest maximum of its registered sites), so
 * it is asked of a supplier on every request; a supplier that answers below the minimum is treated as the minimum.
 */
public final class Microversions {
    private final String service;
    private final String legacyHeader;
    private final ApiVersion min;
    private final Supplier<ApiVersion> max;

    /**
     * @param service the service name in the header, {@code compute} or {@code volume}
     * @param legacyHeader the pre-standard header, e.g. {@code X-OpenStack-Nova-API-Version}, or null
     */
    public Microversions(String service, String legacyHeader, ApiVersion min, ApiVersion max) {
        this(service, legacyHeader, min, constant(min, max));
    }

    /** Negotiation against a maximum read on every request. */
    public Microversions(String service, String legacyHeader, ApiVersion min, Supplier<ApiVersion> max) {
        this.service = requireNonNull(service, "service is null");
        this.legacyHeader = legacyHeader;
        this.min = requireNonNull(min, "min is null");
        this.max = requireNonNull(max, "max is null");
    }

    private static Supplier<ApiVersion> constant(ApiVersion min, ApiVersion max) {
        requireNonNull(max, "max is null");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
        return () -> max;
    }

    public ApiVersion min() {
        return min;
    }

    /** The current maximum, never below the minimum. */
    public ApiVersion max() {
        ApiVersion current = max.get();
        return current == null || current.compareTo(min) < 0 ? min : current;
    }

    /** The version the request asks for, validated, and written back in the response headers. */
    public ApiVersion negotiate(Context ctx) {
        ApiVersion max = max();
        ApiVersion version = requested(ctx, max);
        if (version.compareTo(min) < 0 || version.compareTo(max) > 0) {
            throw new OpenStackException(ErrorKind.NOT_ACCEPTABLE,
                    "Version %s is not supported by the API. Minimum is %s and maximum is %s.".formatted(version, min, max));
        }
        ctx.header("OpenStack-API-Version", service + " " + version);
        if (legacyHeader != null) {
            ctx.header(legacyHeader, version.toString());
        }
        ctx.header("Vary", "OpenStack-API-Version" + (legacyHeader != null ? ", " + legacyHeader : ""));
        return version;
    }

    private ApiVersion requested(Context ctx, ApiVersion max) {
        String standard = ctx.header("OpenStack-API-Version");
        if (standard != null) {
            for (String entry : standard.split(",")) {
                String[] parts = entry.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].equalsIgnoreCase(service)) {
                    return value(parts[1], max);
                }
            }
        }
        String legacy = legacyHeader == null ? null : ctx.header(legacyHeader);
        return legacy == null ? min : value(legacy, max);
    }

    private static ApiVersion value(String text, ApiVersion max) {
        return text.trim().toLowerCase(Locale.ROOT).equals("latest") ? max : ApiVersion.parse(text);
    }
}
