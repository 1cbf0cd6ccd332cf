package io.cascadia.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascadia.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request bodies are bounded on every route, whether their length is declared or they come chunked, and the
 * refusal is the service's own 413 fault; only Glance image data streams past the limit.
 */
class RequestBodyLimitTest {
    private static final int LIMIT = 64 * 1024;

    private HttpServer server;

    /** What a raw HTTP/1.1 exchange answered. */
    private record Reply(int status, String contentType, String body) {
        JsonNode json() {
            return Json.read(body);
        }
    }

    @BeforeEach
    void start() {
        server = HttpServer.builder("body-limit-test").port(0).maxRequestBody(LIMIT)
                .tokenValidator(token -> new AuthContext(token, "user", "user", "default", "project", "project", "default",
                        null, List.of("member"), Instant.now().plusSeconds(3600)))
                .module(module(Service.IDENTITY, ""))
                .module(module(Service.COMPUTE, "/compute"))
                .module(module(Service.NETWORK, "/networking"))
                .module(module(Service.IMAGE, "/image"))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsSent() throws IOException {
        Reply reply = exchange("POST /v3/auth/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n", new byte[0]);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().at("/error/code").asInt()).isEqualTo(413);
        assertThat(reply.json().at("/error/title").asText()).isEqualTo("Request Entity Too Large");
        assertThat(reply.json().at("/error/message").asText()).isEqualTo("Request is too large.");
    }

    @Test
    void aChunkedBodyLargerThanTheLimitIsRefused() throws IOException {
        Reply reply = exchange("POST /v3/auth/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunked(LIMIT + 1));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().at("/error/code").asInt()).isEqualTo(413);
        assertThat(reply.json().at("/error/title").asText()).isEqualTo("Request Entity Too Large");
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws IOException {
        byte[] body = new byte[LIMIT];
        Reply declared = exchange("POST /v3/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + LIMIT + "\r\n\r\n", body);
        Reply chunked = exchange("POST /v3/echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(LIMIT));

        assertThat(declared.status()).isEqualTo(200);
        assertThat(declared.body()).isEqualTo(Integer.toString(LIMIT));
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo(Integer.toString(LIMIT));
    }

    @Test
    void theRefusalIsInTheFaultFormatOfTheServiceOfThePath() throws IOException {
        Reply nova = exchange(declaredTooLarge("POST", "/compute/v2.1/echo"), new byte[0]);
        assertThat(nova.status()).isEqualTo(413);
        assertThat(nova.json().at("/overLimit/code").asInt()).isEqualTo(413);

        Reply neutron = exchange(declaredTooLarge("PUT", "/networking/v2.0/echo"), new byte[0]);
        assertThat(neutron.status()).isEqualTo(413);
        assertThat(neutron.json().at("/NeutronError/type").asText()).isEqualTo("HTTPRequestEntityTooLarge");

        Reply glance = exchange(declaredTooLarge("POST", "/image/v2/images"), new byte[0]);
        assertThat(glance.status()).isEqualTo(413);
        assertThat(glance.body()).startsWith("413 Request Entity Too Large");
    }

    @Test
    void glanceImageDataStreamsPastTheLimitWithOrWithoutALength() throws IOException {
        int size = 4 * LIMIT;
        Reply declared = exchange("PUT /image/v2/images/abc/file HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + size + "\r\n\r\n", new byte[size]);
        Reply chunked = exchange("PUT /image/v2/images/abc/file HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(size));

        assertThat(declared.status()).isEqualTo(200);
        assertThat(declared.body()).isEqualTo(Integer.toString(size));
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo(Integer.toString(size));
    }

    @Test
    void otherImageRoutesAreBounded() throws IOException {
        for (String path : List.of("/image/v2/images/abc", "/image/v2/images/abc/file/more", "/image/v2/images/abc/members")) {
            Reply reply = exchange(declaredTooLarge("PUT", path), new byte[0]);
            assertThat(reply.status()).as(path).isEqualTo(413);
        }
        Reply post = exchange(declaredTooLarge("POST", "/image/v2/images/abc/file"), new byte[0]);
        assertThat(post.status()).isEqualTo(413);
    }

    private static ApiModule module(Service service, String prefix) {
        return new ApiModule() {
            @Override
            public Service service() {
                return service;
            }

            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public void register(Router router) {
                router.postPublic("/v3/auth/tokens", ctx -> ctx.result(Integer.toString(ctx.body().length())));
                router.postPublic("/v3/echo", ctx -> ctx.result(Integer.toString(ctx.bodyAsBytes().length)));
                router.postPublic("/v2.1/echo", ctx -> ctx.result(Integer.toString(ctx.bodyAsBytes().length)));
                router.postPublic("/v2/images", ctx -> ctx.result(Integer.toString(ctx.bodyAsBytes().length)));
                // the image data route reads the raw stream, as Glance's upload does
                for (String path : List.of("/v2/images/{id}/file", "/v2/images/{id}", "/v2/images/{id}/members",
                        "/v2/images/{id}/file/more", "/v2.0/echo")) {
                    router.put(path, (ctx, auth) -> {
                        try (InputStream in = ctx.bodyInputStream()) {
                            ctx.result(Long.toString(in.transferTo(OutputStream.nullOutputStream())));
                        }
                    });
                }
                router.post("/v2/images/{id}/file", (ctx, auth) -> ctx.result(Integer.toString(ctx.bodyAsBytes().length)));
            }
        };
    }

    private static String declaredTooLarge(String method, String path) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n";
    }

    private static byte[] chunked(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'a');
        for (int left = size; left > 0; left -= chunk.length) {
            int length = Math.min(left, chunk.length);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk, 0, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Sends one request with {@code Connection: close} added, and reads the reply to the end. */
    private Reply exchange(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.replace("\r\n\r\n", "\r\nX-Auth-Token: any\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer and stop reading before the whole body is sent; its answer is what counts
            }
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(reply.substring(9, 12));
            int end = reply.indexOf("\r\n\r\n");
            String headers = reply.substring(0, end);
            String contentType = headers.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            String text = reply.substring(end + 4);
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
                text = unchunk(text);
            }
            return new Reply(status, contentType, text);
        }
    }

    private static String unchunk(String text) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int line = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, line).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(text, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
    }
}
