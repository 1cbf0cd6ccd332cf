package io.cascadia.api.admin;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.routing.Routing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The paging marker of the routing list: the last row's key (region, type, top id), opaque to clients. */
final class RoutingMarker {
    private RoutingMarker() {
    }

    static String encode(Routing row) {
        String key = row.region() + "\n" + row.resourceType() + "\n" + row.topId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** A routing holding only the key fields, to page after. */
    static Routing decode(String marker) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return new Routing(parts[2], parts[1], parts[0], null, null, null, null);
        } catch (IllegalArgumentException e) {
            throw OpenStackException.badRequest("marker [" + (marker.length() > 32 ? marker.substring(0, 32) + "..." : marker) + "] not found");
        }
    }
}
