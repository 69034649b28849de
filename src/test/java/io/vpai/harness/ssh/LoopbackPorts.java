package io.vpai.harness.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports that misbehave in the three ways a host can, without a packet leaving the machine:
 * nobody listening (refused at once), a listener whose accept queue is full (the kernel drops the SYN: the
 * connect times out, as for a host that does not answer), and a listener that accepts and then says nothing
 * (TCP works, SSH never starts).
 */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /** A port that was free a moment ago: connecting is refused. */
    public static int closed() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Listens with a backlog of one, never accepts, and fills the queue itself: further SYNs go unanswered. */
    public static final class Unanswering implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> fillers = new ArrayList<>();

        public Unanswering() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            // Each connection that still gets through takes a place in the queue and is kept open, until one does not.
            for (int attempt = 0; attempt < 6; attempt++) {
                Socket filler = new Socket();
                try {
                    filler.connect(server.getLocalSocketAddress(), 300);
                    fillers.add(filler);
                } catch (IOException timedOut) {
                    filler.close();
                    return;
                }
            }
            close();
            throw new IllegalStateException("could not fill the accept queue of a loopback listener");
        }

        public int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                s.close();
            }
            server.close();
        }
    }

    /** Accepts every connection and never writes a byte: an SSH client waits for a banner that does not come. */
    static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new ArrayList<>();

        Silent() throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
