package io.vpai.harness.ssh;

import io.vpai.harness.environment.SshEndpoint;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.vpai.harness.ssh.SshText.cause;
import static io.vpai.harness.ssh.SshText.rootCause;
import static io.vpai.harness.ssh.SshText.seconds;

/**
 * Connect, verify the host key against the endpoint's pinned source, log in with its key: within
 * {@code connectTimeout} for TCP, then banner, key exchange and login together within {@code handshakeTimeout}
 * (a watchdog closes the socket, because sshj reads the server's banner without a timeout). Every failure is one
 * {@link SshException} line that says what to check.
 */
final class SshHandshake {
    private SshHandshake() {
    }

    /**
     * @throws SshException.HostKeyRefused when the host's key is unknown or changed
     * @throws SshException                 refused, unanswered, login refused, unreadable key: one line each
     */
    static SSHClient connect(SshEndpoint endpoint, Duration connectTimeout, Duration handshakeTimeout) {
        PinnedHostKeys hostKeys = PinnedHostKeys.of(endpoint.hostKey());
        SSHClient client = new SSHClient(new DefaultConfig());
        client.addHostKeyVerifier(hostKeys);
        client.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        client.getTransport().setTimeoutMs(Math.toIntExact(handshakeTimeout.toMillis()));
        AtomicBoolean expired = new AtomicBoolean();
        CompletableFuture<Void> watchdog = null;
        long start = System.nanoTime();
        try {
            KeyProvider key = client.loadKeys(endpoint.privateKey().toString());
            watchdog = CompletableFuture.runAsync(() -> {
                expired.set(true);
                closeSocket(client);
            }, CompletableFuture.delayedExecutor(connectTimeout.plus(handshakeTimeout).toMillis(), TimeUnit.MILLISECONDS));
            client.connect(endpoint.host(), endpoint.port());
            client.authPublickey(endpoint.user(), key);
            if (!watchdog.cancel(false)) {
                // It fired as the login finished: the socket may already be closed under a client that looks ready.
                throw new IOException("the handshake watchdog fired during the login");
            }
            return client;
        } catch (IOException | RuntimeException e) {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            SshConnection.closeQuietly(client);
            throw explain(endpoint, hostKeys, e, expired.get(), connectTimeout, handshakeTimeout, start);
        }
    }

    private static SshException explain(SshEndpoint endpoint, PinnedHostKeys hostKeys, Exception e, boolean expired,
                                        Duration connectTimeout, Duration handshakeTimeout, long start) {
        String where = endpoint + ": ";
        String hostPort = endpoint.host() + ":" + endpoint.port();
        if (hostKeys.refusal().isPresent()) {
            PinnedHostKeys.Refusal refusal = hostKeys.refusal().get();
            return new SshException.HostKeyRefused(where + "host key refused: " + refusal.host() + ":" + refusal.port()
                    + " presented " + refusal.presented() + "; " + refusal.reason());
        }
        if (expired) {
            return new SshException(where + hostPort + " accepted the connection but completed no SSH handshake within "
                    + seconds(connectTimeout.plus(handshakeTimeout)) + " (is it an SSH server? is it overloaded?)", e);
        }
        Throwable root = rootCause(e);
        if (root instanceof ConnectException && String.valueOf(root.getMessage()).contains("refused")) {
            return new SshException(where + "connection refused by " + hostPort
                    + " (nothing listens there: is sshd running, is the port right?)", e);
        }
        if (root instanceof SocketTimeoutException || root instanceof NoRouteToHostException) {
            return new SshException(where + "no answer from " + hostPort + " within " + seconds(connectTimeout)
                    + " (host down, port filtered, or not on the VPN?)", e);
        }
        if (root instanceof UnknownHostException) {
            return new SshException(where + "cannot resolve host '" + endpoint.host() + "'", e);
        }
        if (e instanceof UserAuthException) {
            return new SshException(where + "login refused: " + hostPort + " does not accept the key "
                    + endpoint.privateKey() + " for user '" + endpoint.user() + "' (publickey)", e);
        }
        if (e instanceof IOException && String.valueOf(e.getMessage()).contains(endpoint.privateKey().toString())) {
            return new SshException(where + "cannot read the private key " + endpoint.privateKey() + ": " + e.getMessage(), e);
        }
        return new SshException(where + "SSH connection failed after " + seconds(Duration.ofNanos(System.nanoTime() - start))
                + ": " + cause(e), e);
    }

    private static void closeSocket(SSHClient client) {
        try {
            Socket socket = client.getSocket();
            if (socket != null) {
                socket.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing is all we wanted
        }
    }
}
