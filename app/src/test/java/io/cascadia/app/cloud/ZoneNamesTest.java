package io.cascadia.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.cascade.jobs.FaultPoints;
import io.cascadia.emulator.EmulatedSite;
import io.cascadia.emulator.SiteConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site's zones are shown by the names it was added with ({@code sites.<region>.az-map}). */
class ZoneNamesTest {
    @TempDir
    Path dataDir;

    @Test
    void aSiteAddedWhileDownGetsItsRenamedZonesWhenItComesUp() {
        try (TestCloud cloud = TestCloud.start(dataDir, 0, FaultPoints.NONE);
             EmulatedSite site = EmulatedSite.start(SiteConfig.of("RegionNova", cloud.top().publicUrl() + "/v3")
                     .withAvailabilityZones(List.of("nova")).withTunnelSubnet("100.64.9.0/24"))) {
            cloud.top().identity().ensureRegion(site.region(), "");
            site.catalogEndpoints().forEach(e -> cloud.top().identity().ensureEndpoint(site.region(), e.type(), e.name(), e.url()));
            site.down();
            cloud.top().sites().add(site.region(), Map.of("nova", "zone-nine"));
            assertThat(zones(cloud)).doesNotContain("zone-nine", "nova");

            site.up();
            TestCloud.await(() -> zones(cloud).contains("zone-nine"), Duration.ofSeconds(15),
                    () -> "the zones after the site came up: " + zones(cloud));
            assertThat(zones(cloud)).doesNotContain("nova");
        }
    }

    private static List<String> zones(TestCloud cloud) {
        JsonNode info = TestCloud.ok(cloud.client().get("/compute/v2.1/os-availability-zone", cloud.asDemo())).path("availabilityZoneInfo");
        return info.findValuesAsText("zoneName");
    }
}
