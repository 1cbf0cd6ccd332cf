package io.cascadia.core.routing;

import java.util.Optional;

/**
 * The seed's naming rule for bottom copies: {@code <name>@<top id>}. The routing table is the index; the name (and
 * the {@code cascadia_top_id} tag or metadata) is only the recovery path after a crash.
 */
public final class BottomNames {
    /** Tag (Neutron) or metadata key (Nova, Cinder, Glance) that carries the top id. */
    public static final String TOP_ID_KEY = "cascadia_top_id";

    private BottomNames() {
    }

    public static String of(String name, String topId) {
        return (name == null ? "" : name) + "@" + topId;
    }

    /** The top id a bottom name carries, if it follows the rule. */
    public static Optional<String> topIdOf(String bottomName) {
        if (bottomName == null) {
            return Optional.empty();
        }
        int at = bottomName.lastIndexOf('@');
        return at < 0 || at == bottomName.length() - 1 ? Optional.empty() : Optional.of(bottomName.substring(at + 1));
    }

    /** The Neutron tag form: {@code cascadia_top_id=<top id>}. */
    public static String tag(String topId) {
        return TOP_ID_KEY + "=" + topId;
    }
}
