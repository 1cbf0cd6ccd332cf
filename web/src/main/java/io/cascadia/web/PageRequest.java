package io.cascadia.web;

import io.cascadia.core.error.OpenStackException;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code limit} and {@code marker} of a list request, and the {@code next} link of its answer. A page is "full"
 * when it holds {@code limit} items; only then is there a next link, whose marker is the last item's id, as Nova,
 * Neutron and Cinder write it.
 *
 * @param limit the page size asked for, capped at the service maximum
 * @param marker the id after which the page starts, or null
 */
public record PageRequest(int limit, String marker) {

    /**
     * @param maxLimit the most items a page may hold (Nova's {@code max_limit} is 1000)
     * @throws OpenStackException BAD_REQUEST for a negative or non-numeric limit
     */
    public static PageRequest parse(Context ctx, int maxLimit) {
        String limitText = ctx.queryParam("limit");
        int limit = maxLimit;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                throw OpenStackException.badRequest("Invalid input for query parameters limit. Value: " + shorten(limitText)
                        + ". '" + shorten(limitText) + "' is not an integer");
            }
            if (limit < 0) {
                throw OpenStackException.badRequest("Invalid input for query parameters limit. Value: " + limit
                        + ". " + limit + " is less than the minimum of 0");
            }
            limit = Math.min(limit, maxLimit);
        }
        String marker = ctx.queryParam("marker");
        return new PageRequest(limit, marker == null || marker.isBlank() ? null : marker);
    }

    public boolean isFull(int returned) {
        return limit > 0 && returned >= limit;
    }

    /**
     * The URL of the next page: this request's URL with {@code marker} set to {@code lastId} and the other query
     * parameters kept.
     */
    public String nextHref(Context ctx, String lastId) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>(ctx.queryParamMap());
        query.remove("marker");
        query.put("limit", List.of(Integer.toString(limit)));
        query.put("marker", List.of(lastId));
        String queryString = query.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return ctx.scheme() + "://" + ctx.host() + ctx.path() + "?" + queryString;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "...";
    }
}
