package io.cascadia.sites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cascadia.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A site's answer: status, the site's request id, and the body. */
public record SiteResponse(int status, String siteRequestId, byte[] body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        return Json.read(new String(body, StandardCharsets.UTF_8));
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
