package io.cascadia.app;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the demo's cloud starts with, made through its own API as an administrator would: flavor {@code m1.tiny} and
 * a small public image {@code cirros} (1 MiB of zeros: the emulated sites only copy and checksum it). Made once;
 * later starts find them.
 */
final class DemoSeed {
    static final String FLAVOR = "m1.tiny";
    static final String IMAGE = "cirros";

    private final DemoClient admin;

    private DemoSeed(DemoClient admin) {
        this.admin = admin;
    }

    static void ensure(String url, String adminPassword) {
        DemoSeed seed = new DemoSeed(DemoClient.login(url, "admin", adminPassword, "admin"));
        seed.ensureFlavor();
        seed.ensureImage();
    }

    private void ensureFlavor() {
        JsonNode flavors = admin.get("/compute/v2.1/flavors?is_public=None").path("flavors");
        for (JsonNode flavor : flavors) {
            if (flavor.path("name").asText().equals(FLAVOR)) {
                return;
            }
        }
        admin.post("/compute/v2.1/flavors", """
                {"flavor": {"name": "%s", "ram": 512, "vcpus": 1, "disk": 1}}""".formatted(FLAVOR));
    }

    private void ensureImage() {
        if (admin.get("/image/v2/images?name=" + IMAGE).path("images").size() > 0) {
            return;
        }
        String id = admin.post("/image/v2/images", """
                {"name": "%s", "disk_format": "raw", "container_format": "bare", "visibility": "public"}"""
                .formatted(IMAGE)).path("id").asText();
        admin.send("PUT", "/image/v2/images/" + id + "/file", new byte[1024 * 1024], "application/octet-stream");
    }
}
