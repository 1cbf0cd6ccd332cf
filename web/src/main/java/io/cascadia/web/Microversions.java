package io.cascadia.web;

import static java.util.Objects.requireNonNull;

import io.cascadia.core.error.ErrorKind;
import io.cascadia.core.error.OpenStackException;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Microversion negotiation as Nova and Cinder do it: the version comes from {@code OpenStack-API-Version:
 * <service> <version>} (or the service's legacy header), {@code latest} means the maximum, no header means the
 * minimum; a version outside the range answers 406. The chosen version is echoed in the response headers.
 */
public final class Microversions {
    private final String service;
    private final String legacyHeader;
    private final ApiVersion min;
    private final ApiVersion max;

    /**
     * @param service the service name in the header, {@code compute} or {@code volume}
     * @param legacyHeader the pre-standard header, e.g. {@code X-OpenStack-Nova-API-Version}, or null
     */
    public Microversions(String service, String legacyHeader, ApiVersion min, ApiVersion max) {
        this.service = requireNonNull(service, "service is null");
        this.legacyHeader = legacyHeader;
        this.min = requireNonNull(min, "min is null");
        this.max = requireNonNull(max, "max is null");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    public ApiVersion min() {
        return min;
    }

    public ApiVersion max() {
        return max;
    }

    /** The version the request asks for, validated, and written back in the response headers. */
    public ApiVersion negotiate(Context ctx) {
        ApiVersion version = requested(ctx);
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

    private ApiVersion requested(Context ctx) {
        String standard = ctx.header("OpenStack-API-Version");
        if (standard != null) {
            for (String entry : standard.split(",")) {
                String[] parts = entry.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].equalsIgnoreCase(service)) {
                    return value(parts[1]);
                }
            }
        }
        String legacy = legacyHeader == null ? null : ctx.header(legacyHeader);
        return legacy == null ? min : value(legacy);
    }

    private ApiVersion value(String text) {
        return text.trim().toLowerCase(Locale.ROOT).equals("latest") ? max : ApiVersion.parse(text);
    }
}
