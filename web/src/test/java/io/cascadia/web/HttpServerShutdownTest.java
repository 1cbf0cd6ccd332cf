package io.cascadia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the server while clients still hold it: it stops, and says so, rather than failing. */
class HttpServerShutdownTest {
    private final CountDownLatch requestArrived = new CountDownLatch(1);
    private final CountDownLatch releaseRequest = new CountDownLatch(1);

    @Test
    void closeStopsTheServerEvenWhenARequestOutlivesTheGracePeriod() throws Exception {
        HttpServer server = slowServer();
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            send(client, "GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(requestArrived.await(5, TimeUnit.SECONDS)).isTrue();

            assertThatCode(server::close).doesNotThrowAnyException();
        } finally {
            releaseRequest.countDown();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void closeStopsTheServerWhileAClientKeepsAnIdleConnection() throws Exception {
        HttpServer server = slowServer();
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            send(client, "GET /fast HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(new String(client.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 204");

            assertThatCode(server::close).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
    }

    private HttpServer slowServer() {
        return HttpServer.builder("shutdown-test").port(0).module(new ApiModule() {
            @Override
            public Service service() {
                return Service.COMPUTE;
            }

            @Override
            public String prefix() {
                return "";
            }

            @Override
            public void register(Router router) {
                router.getPublic("/fast", ctx -> ctx.status(204));
                router.getPublic("/slow", ctx -> {
                    requestArrived.countDown();
                    releaseRequest.await(30, TimeUnit.SECONDS);
                    ctx.status(204);
                });
            }
        }).start();
    }

    private static void send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
