package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One page of a site's list and the marker of the next page (null when it was the last). */
public record Page(List<JsonNode> items, String nextMarker) {
    public Page {
        items = List.copyOf(items);
    }
}
