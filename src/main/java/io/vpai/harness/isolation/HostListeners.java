package io.vpai.harness.isolation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listeners in this JVM on host-owned bridge addresses (the internet sentinel, the stack networks'
 * gateways), each on an ephemeral port, accepting and closing at once and noting who connected
 * ({@link Arrivals}). Keys name what a listener is for (one per egress source on the sentinel, so each
 * source's arrivals are its own; one per gateway). A listener only turns "refused" into "open": an
 * address nothing could bind (the host does not own it) is listed in {@link #unbound()} and probed at a
 * closed port, where a reset still counts as reached. Bound to each address alone, never 0.0.0.0.
 */
public final class HostListeners implements Arrivals, AutoCloseable {
    /** Port probes aim at where no listener could be bound: the discard port, normally closed. */
    static final int NO_LISTENER = 9;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> unbound = new ArrayList<>();
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final Map<String, List<String>> peers = new ConcurrentHashMap<>();

    private HostListeners() {
    }

    /** One listener per key, on that key's address; call once the networks (and so the addresses) exist. */
    public static HostListeners open(Map<String, String> addressByKey) {
        HostListeners listeners = new HostListeners();
        addressByKey.forEach(listeners::bind);
        return listeners;
    }

    private void bind(String key, String address) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 64);
            sockets.add(socket);
            ports.put(key, socket.getLocalPort());
            List<String> seen = new CopyOnWriteArrayList<>();
            peers.put(address + ":" + socket.getLocalPort(), seen);
            Thread acceptor = new Thread(() -> acceptAndClose(socket, seen), "vpai-listener-" + key);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            if (!unbound.contains(address)) {
                unbound.add(address);
            }
            ports.put(key, NO_LISTENER);
        }
    }

    private static void acceptAndClose(ServerSocket socket, List<String> seen) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                seen.add(client.getInetAddress().getHostAddress());
            } catch (IOException closedOrReset) {
                // closed by close(), or a client gave up: the loop condition decides
            }
        }
    }

    public int port(String key) {
        Integer port = ports.get(key);
        if (port == null) {
            throw new IllegalArgumentException("no host listener for '" + key + "'");
        }
        return port;
    }

    /** The ports of some keys, for the expectations that aim at them. */
    public Map<String, Integer> ports(Iterable<String> keys) {
        Map<String, Integer> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, port(k)));
        return out;
    }

    @Override
    public List<String> peers(String address, int port) {
        return List.copyOf(peers.getOrDefault(address + ":" + port, List.of()));
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
                // best effort; the JVM's exit closes the rest
            }
        }
    }
}
