package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;
import java.util.LinkedHashSet;
import java.util.List;

/** The rules of server tags (microversion 2.26): at most 50, each 1..60 characters without ',' or '/'. */
final class ServerTags {
    static final int MAX = 50;

    private ServerTags() {
    }

    static List<String> checked(List<String> tags) {
        for (String tag : tags) {
            check(tag);
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(tags));
        if (distinct.size() > MAX) {
            throw OpenStackException.badRequest("The number of tags exceeded the per-server limit " + MAX);
        }
        return distinct;
    }

    static String check(String tag) {
        if (tag.isEmpty() || tag.length() > 60 || tag.contains(",") || tag.contains("/")) {
            throw NovaSchema.invalid("tags", tag, "'" + tag + "' does not match '^[^,/]*$' or has a bad length");
        }
        return tag;
    }
}
