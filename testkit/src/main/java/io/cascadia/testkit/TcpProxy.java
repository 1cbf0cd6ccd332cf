package io.cascadia.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of one server, for tests of outages: {@link #cutOff()} closes every connection
 * through it and refuses new ones (they are closed as soon as they are accepted) until {@link #restore()}. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cutOff;

    private TcpProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
    }

    /** Starts a proxy to {@code host:port} on a free loopback port. */
    public static TcpProxy start(String host, int port) {
        requireNonNull(host, "host is null");
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), listener);
            Thread.ofPlatform().name("tcp-proxy-" + listener.getLocalPort()).daemon().start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a proxy to " + host + ":" + port, e);
        }
    }

    /** The loopback port to connect to instead of the target's. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection through the proxy; new ones are closed at once until {@link #restore()}. */
    public void cutOff() {
        cutOff = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Lets connections through again. */
    public void restore() {
        cutOff = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (cutOff) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the connection was closed, by either side or by a cut-off
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        cutOff();
    }
}
