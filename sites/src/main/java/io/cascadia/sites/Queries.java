package io.cascadia.sites;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Query strings for site calls; a name given twice is sent twice ({@code fields=id&fields=name}), as Neutron reads it. */
final class Queries {
    private final List<Map.Entry<String, String>> parameters = new ArrayList<>();

    static Queries of() {
        return new Queries();
    }

    Queries with(String name, Object value) {
        if (value != null) {
            parameters.add(Map.entry(name, value.toString()));
        }
        return this;
    }

    String on(String path) {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + "?" + parameters.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A Nova name filter (a regular expression) that matches exactly {@code name}. */
    static String exactNameRegex(String name) {
        StringBuilder regex = new StringBuilder("^");
        for (char c : name.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c != '_' && c != ' ') {
                regex.append('\\');
            }
            regex.append(c);
        }
        return regex.append('$').toString();
    }
}
