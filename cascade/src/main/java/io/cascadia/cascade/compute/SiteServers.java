package io.cascadia.cascade.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.compute.ObservedServer;
import io.cascadia.core.time.Timestamps;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Reading servers as a site's Nova shows them. */
public final class SiteServers {
    private SiteServers() {
    }

    /** The server's status, task and power state, host, launch time and fault, as the top records them. */
    public static ObservedServer observed(JsonNode bottom) {
        JsonNode fault = bottom.path("fault");
        ObservedServer.Fault observedFault = fault.isObject()
                ? new ObservedServer.Fault(fault.path("code").asInt(500), fault.path("message").asText(),
                        fault.path("details").isMissingNode() || fault.path("details").isNull() ? null : fault.path("details").asText(),
                        Timestamps.parse(fault.path("created").asText()).orElse(Instant.now().truncatedTo(ChronoUnit.MICROS)))
                : null;
        return new ObservedServer(bottom.path("status").asText(),
                bottom.path("OS-EXT-STS:vm_state").asText("building"),
                bottom.path("OS-EXT-STS:task_state").isNull() || bottom.path("OS-EXT-STS:task_state").isMissingNode()
                        ? null : bottom.path("OS-EXT-STS:task_state").asText(),
                bottom.path("OS-EXT-STS:power_state").asInt(0),
                bottom.path("OS-EXT-SRV-ATTR:host").isTextual() ? bottom.path("OS-EXT-SRV-ATTR:host").asText() : null,
                Timestamps.parse(bottom.path("OS-SRV-USG:launched_at").asText()).map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(null),
                observedFault);
    }
}
