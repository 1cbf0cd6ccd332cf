package io.cascadia.core.id;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Resource ids as OpenStack forms them: Keystone uses 32 hex digits, Nova, Neutron, Cinder and Glance use
 * hyphenated UUIDs.
 */
public final class Ids {
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private Ids() {
    }

    /** A Keystone-style id: 32 lowercase hex digits. */
    public static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A Nova/Neutron-style id: a hyphenated UUID. */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    public static boolean isUuid(String value) {
        return value != null && UUID_PATTERN.matcher(value).matches();
    }
}
