package io.cascadia.api.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascadia.api.Caller;
import io.cascadia.api.TopApiServer;
import io.cascadia.store.DatabaseConfig;
import io.cascadia.testkit.WireClient.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Glance's limits on image data at the top: the size cap ({@code image_size_cap}), the content type, and uploads that
 * never finish, which must not hold the database's connections. The pool has two connections only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageUploadLimitsTest {
    private static final long CAP = 1000;
    private TopApiServer server;
    private Caller alice;

    @BeforeAll
    void start() {
        DatabaseConfig memory = DatabaseConfig.inMemory("image-limits-" + UUID.randomUUID());
        server = new TopApiServer(new DatabaseConfig(memory.url(), memory.user(), memory.password(), 2), CAP);
        alice = new Caller(server.client(), server.token("alice", "alpha"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String image() {
        Answer created = alice.post("/image/v2/images", "{\"name\": \"disk\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Answer upload(String id, byte[] data, String contentType) {
        return alice.client().send("PUT", "/image/v2/images/" + id + "/file", Map.of("X-Auth-Token", alice.token()), data,
                contentType);
    }

    private int chunks(String id) {
        return server.database.jdbi().withHandle(h -> h.createQuery("select count(*) from image_chunk where image_id = :id")
                .bind("id", id).mapTo(Integer.class).one());
    }

    private void assertQueuedWithoutData(String id) {
        var image = alice.get("/image/v2/images/" + id).json();
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("size").isNull()).isTrue();
        assertThat(chunks(id)).isZero();
    }

    @Test
    void dataUpToTheSizeCapIsStored() {
        String id = image();
        assertThat(upload(id, new byte[(int) CAP], "application/octet-stream").status()).isEqualTo(204);
        assertThat(alice.get("/image/v2/images/" + id).json().get("size").asLong()).isEqualTo(CAP);
    }

    @Test
    void anUploadOverTheSizeCapIs413AndTheImageStaysQueuedWithoutData() {
        String id = image();
        Answer answer = upload(id, new byte[(int) CAP + 1], "application/octet-stream");
        assertThat(answer.status()).as(answer.text()).isEqualTo(413);
        assertThat(answer.text()).startsWith("413 Request Entity Too Large").contains("The incoming image is too large");
        assertQueuedWithoutData(id);
        assertThat(upload(id, "small".getBytes(StandardCharsets.UTF_8), "application/octet-stream").status()).isEqualTo(204);
    }

    @Test
    void aChunkedUploadOverTheSizeCapIs413AndTheImageStaysQueuedWithoutData() throws IOException {
        String id = image();
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(id, "Transfer-Encoding: chunked"));
            byte[] chunk = new byte[600];
            for (int i = 0; i < 2; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        assertQueuedWithoutData(id);
    }

    @Test
    void anEmptyOrMalformedContentTypeIs415() {
        for (String type : List.of(";", "", " ; charset=x", "text/plain")) {
            String id = image();
            Answer answer = upload(id, "data".getBytes(StandardCharsets.UTF_8), type);
            assertThat(answer.status()).as("Content-Type [%s]: %s", type, answer.text()).isEqualTo(415);
            assertThat(answer.text()).startsWith("415 Unsupported Media Type");
            assertQueuedWithoutData(id);
            Answer patch = alice.send("PATCH", "/image/v2/images/" + id, Map.of("Content-Type", type),
                    "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"renamed\"}]");
            assertThat(patch.status()).as("PATCH Content-Type [%s]: %s", type, patch.text()).isEqualTo(415);
        }
    }

    @Test
    void stalledUploadsHoldNoDatabaseConnectionSoOtherCallsStillAnswer() throws IOException {
        List<String> ids = List.of(image(), image(), image());
        List<Socket> stalled = new ArrayList<>();
        try {
            for (String id : ids) {
                Socket socket = new Socket("127.0.0.1", port());
                stalled.add(socket);
                socket.getOutputStream().write(head(id, "Content-Length: " + CAP));
                socket.getOutputStream().write(new byte[10]);
                socket.getOutputStream().flush();
            }
            sleep(Duration.ofMillis(500));
            long started = System.nanoTime();
            Answer answer = alice.get("/image/v2/images/" + ids.getFirst());
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().get("status").asText()).isEqualTo("saving");
            assertThat(alice.get("/image/v2/images").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private byte[] head(String id, String framing) {
        return ("PUT /image/v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + alice.token()
                + "\r\nContent-Type: application/octet-stream\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private int port() {
        return Integer.parseInt(server.url().substring(server.url().lastIndexOf(':') + 1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
