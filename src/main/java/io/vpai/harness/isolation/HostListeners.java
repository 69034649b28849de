package io.vpai.harness.isolation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listeners in this JVM on host-owned bridge addresses (the internet sentinel, the stack networks'
 * gateways), each on an ephemeral port, accepting and closing at once. They only turn "refused" into
 * "open": a refused probe counts as reached too, so an address the host does not own (nothing could
 * bind it) still gives a truthful answer, and is listed in {@link #unbound()} rather than failing.
 * Bound to each address alone, never to 0.0.0.0, so nothing is exposed beyond those bridges.
 */
public final class HostListeners implements AutoCloseable {
    /** Port probes aim at where no listener could be bound: the discard port, normally closed. */
    static final int NO_LISTENER = 9;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> unbound = new ArrayList<>();
    private final List<ServerSocket> sockets = new ArrayList<>();

    private HostListeners() {
    }

    /** Binds one listener per address; call once the networks (and so the addresses) exist. */
    public static HostListeners open(List<String> addresses) {
        HostListeners listeners = new HostListeners();
        for (String address : addresses) {
            if (listeners.ports.containsKey(address)) {
                continue;
            }
            try {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 64);
                listeners.sockets.add(socket);
                listeners.ports.put(address, socket.getLocalPort());
                Thread acceptor = new Thread(() -> acceptAndClose(socket), "vpai-listener-" + address);
                acceptor.setDaemon(true);
                acceptor.start();
            } catch (IOException e) {
                listeners.unbound.add(address);
                listeners.ports.put(address, NO_LISTENER);
            }
        }
        return listeners;
    }

    private static void acceptAndClose(ServerSocket socket) {
        while (!socket.isClosed()) {
            try (Socket ignored = socket.accept()) {
                // the connection itself is the answer
            } catch (IOException closedOrReset) {
                // closed by close(), or a client gave up: either way the loop condition decides
            }
        }
    }

    /** Address to the port its listener waits on. */
    public Map<String, Integer> ports() {
        return Collections.unmodifiableMap(ports);
    }

    /** Addresses no listener could be bound to: the host does not own them here. */
    public List<String> unbound() {
        return List.copyOf(unbound);
    }

    @Override
    public void close() {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort; the JVM's exit closes the rest
            }
        }
    }
}
