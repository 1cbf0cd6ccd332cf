package io.cascadia.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.testkit.WireClient.Answer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listing servers page by page and polling them for changes, as Cascadia's pollers do. */
class ServerPagingTest {
    private static FakeKeystone keystone;
    private static EmulatedSite site;
    private static SiteClient demo;
    private static String networkId;

    @BeforeAll
    static void start() {
        keystone = new FakeKeystone();
        site = EmulatedSite.start(SiteConfig.of("paging", keystone.url()).withBuildLatency(Duration.ZERO));
        demo = new SiteClient(site.url(), FakeKeystone.DEMO);
        networkId = Sites.network(demo, "private", "10.1.0.0/16");
    }

    @AfterAll
    static void stop() {
        site.close();
        keystone.close();
    }

    @Test
    void limitMarkerAndNextLinksWalkEveryServerNewestFirstExactlyOnce() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(Sites.createServer(demo, site, "page-" + i, networkId));
        }
        List<String> seen = new ArrayList<>();
        String path = "/compute/v2.1/servers/detail?limit=3&name=%5Epage-";
        int pages = 0;
        while (path != null) {
            JsonNode body = demo.ok(demo.get(path), 200);
            body.get("servers").forEach(server -> seen.add(server.get("id").asText()));
            JsonNode links = body.get("servers_links");
            path = links == null ? null : relative(links.get(0).get("href").asText());
            if (links != null) {
                assertThat(links.get(0).get("rel").asText()).isEqualTo("next");
                assertThat(links.get(0).get("href").asText()).startsWith(site.url() + "/compute/v2.1/servers/detail?");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void aNameFilterLongerThan255CharactersIsABadRequest() {
        Answer answer = demo.get("/compute/v2.1/servers?name=" + "a".repeat(256));
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().at("/badRequest/message").asText()).contains("is too long");
        assertThat(demo.get("/compute/v2.1/servers/detail?name=" + "a".repeat(255)).status()).isEqualTo(200);
    }

    @Test
    void aCatastrophicNameFilterIsAbandonedWithABadRequestInsteadOfHoldingTheSite() {
        Sites.createServer(demo, site, "a".repeat(60) + "!", networkId);
        // (.*a){25}$ backtracks exponentially in java.util.regex (which memoizes the better known (a+)+$)
        String hostile = URLEncoder.encode("(.*a){25}$", StandardCharsets.UTF_8);
        for (String list : List.of("/compute/v2.1/servers", "/compute/v2.1/servers/detail")) {
            long started = System.nanoTime();
            Answer answer = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> demo.get(list + "?name=" + hostile));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.json().at("/badRequest/code").asInt()).isEqualTo(400);
        }
    }

    @Test
    void anUnknownMarkerIsABadRequest() {
        Answer answer = demo.get("/compute/v2.1/servers?marker=00000000-0000-0000-0000-000000000000");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/badRequest/message").asText()).isEqualTo("marker [00000000-0000-0000-0000-000000000000] not found");
    }

    @Test
    void changesSinceReturnsOnlyServersChangedSinceThenIncludingDeletedOnes() throws Exception {
        String untouched = Sites.createServer(demo, site, "old", networkId);
        String renamed = Sites.createServer(demo, site, "to-rename", networkId);
        String deleted = Sites.createServer(demo, site, "to-delete", networkId);
        Thread.sleep(20);
        Instant since = Instant.now();
        Thread.sleep(20);
        demo.put("/compute/v2.1/servers/" + renamed, "{\"server\": {\"name\": \"renamed\"}}");
        assertThat(demo.delete("/compute/v2.1/servers/" + deleted).status()).isEqualTo(204);
        demo.awaitStatus("/compute/v2.1/servers/" + deleted, 404, Duration.ofSeconds(10));
        String fresh = Sites.createServer(demo, site, "fresh", networkId);

        JsonNode changes = demo.ok(demo.get("/compute/v2.1/servers/detail?changes-since=" + encode(since.toString())), 200);
        List<String> ids = new ArrayList<>();
        changes.get("servers").forEach(server -> ids.add(server.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(renamed, deleted, fresh).doesNotContain(untouched);
        for (JsonNode server : changes.get("servers")) {
            if (server.get("id").asText().equals(deleted)) {
                assertThat(server.get("status").asText()).isEqualTo("DELETED");
                assertThat(server.get("OS-SRV-USG:terminated_at").isNull()).isFalse();
            }
        }

        JsonNode before = demo.ok(demo.get("/compute/v2.1/servers?changes-before=" + encode(since.toString())), 200);
        List<String> older = new ArrayList<>();
        before.get("servers").forEach(server -> older.add(server.get("id").asText()));
        assertThat(older).contains(untouched).doesNotContain(renamed, deleted, fresh);
    }

    @Test
    void changesSinceAfterChangesBeforeIsABadRequest() {
        Answer answer = demo.get("/compute/v2.1/servers?changes-since=2030-01-02T00:00:00Z&changes-before=2030-01-01T00:00:00Z");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/badRequest/message").asText())
                .isEqualTo("The value of changes-since must be less than or equal to changes-before.");
        Answer malformed = demo.get("/compute/v2.1/servers?changes-since=yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/badRequest/code").asInt()).isEqualTo(400);
    }

    @Test
    void aProjectSeesOnlyItsOwnServersAndAnAdminSeesAllWithAllTenants() {
        String mine = Sites.createServer(demo, site, "isolated", networkId);
        SiteClient other = demo.as(FakeKeystone.OTHER);
        SiteClient admin = demo.as(FakeKeystone.ADMIN);

        assertThat(other.ok(other.get("/compute/v2.1/servers"), 200).get("servers")).isEmpty();
        assertThat(other.get("/compute/v2.1/servers/" + mine).status()).isEqualTo(404);
        assertThat(admin.ok(admin.get("/compute/v2.1/servers"), 200).get("servers")).isEmpty();
        assertThat(admin.ok(admin.get("/compute/v2.1/servers?all_tenants=1&name=isolated"), 200).get("servers")).hasSize(1);
        Answer denied = demo.get("/compute/v2.1/servers?all_tenants=1");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().at("/forbidden/code").asInt()).isEqualTo(403);
    }

    @Test
    void sortKeysOrderTheListAndUnknownOnesAreRefused() {
        Sites.createServer(demo, site, "sort-b", networkId);
        Sites.createServer(demo, site, "sort-a", networkId);
        JsonNode sorted = demo.ok(demo.get("/compute/v2.1/servers?name=%5Esort-&sort_key=display_name&sort_dir=asc"), 200);
        assertThat(sorted.at("/servers/0/name").asText()).isEqualTo("sort-a");
        assertThat(sorted.at("/servers/1/name").asText()).isEqualTo("sort-b");
        assertThat(demo.get("/compute/v2.1/servers?sort_key=colour").status()).isEqualTo(400);
    }

    private static String relative(String href) {
        URI uri = URI.create(href);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
