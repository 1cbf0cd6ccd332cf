package io.cascadia.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An emulated server: a network namespace whose interfaces are the server's ports. */
public final class Server {
    private final String name;
    private final String namespace;
    private final AtomicInteger interfaces = new AtomicInteger();

    Server(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    int nextInterfaceIndex() {
        return interfaces.getAndIncrement();
    }

    /** Runs a command inside the server, e.g. {@code ping -c 1 10.0.0.5}; returns its output. */
    public String exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return Commands.run(full);
    }

    /** Runs a command inside the server and tells whether it exited 0 (for {@code ping}, reachability). */
    public boolean succeeds(String... command) {
        try {
            exec(command);
            return true;
        } catch (DataplaneException e) {
            return false;
        }
    }
}
