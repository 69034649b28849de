package io.vpai.harness.ssh;

import io.vpai.harness.engine.Shell;
import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.engine.ShellWords;

import io.vpai.harness.environment.SshEndpoint;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One SSH connection to a pinned host, logged in with a key: every way it can go wrong ends in one
 * {@link SshException} line within a bounded time.
 * <ul>
 *   <li>TCP connect: {@code connectTimeout}; then banner, key exchange and login together: {@code handshakeTimeout}
 *       (a watchdog closes the socket, because sshj reads the server's banner without a timeout);</li>
 *   <li>each command: its own timeout, enforced here ({@code Command.join}) and on the host ({@code timeout(1)}),
 *       so a hung command neither blocks the run nor lingers on the host;</li>
 *   <li>at most {@value #SESSIONS} commands at once: OpenSSH allows 10 sessions per connection, one is SFTP's.</li>
 * </ul>
 */
public final class SshConnection implements Shell {
    static final int SESSIONS = 8;
    /** The host-side kill fires after the local timeout, so the caller always sees the same {@link SshException.CommandTimeout}. */
    private static final int REMOTE_GRACE_SECONDS = 3;
    private static final int SFTP_CHUNK = 32 * 1024;

    private final SSHClient client;
    private final SshEndpoint endpoint;
    private final Semaphore sessions = new Semaphore(SESSIONS, true);
    private SFTPClient sftp;

    private SshConnection(SSHClient client, SshEndpoint endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /**
     * Connects, verifies the host key against the endpoint's pinned source and logs in with its key.
     *
     * @throws SshException.HostKeyRefused when the host's key is unknown or changed
     * @throws SshException                 refused, unanswered, login refused, unreadable key: one line each
     */
    public static SshConnection open(SshEndpoint endpoint, Duration connectTimeout, Duration handshakeTimeout) {
        PinnedHostKeys hostKeys = PinnedHostKeys.of(endpoint.hostKey());
        SSHClient client = new SSHClient(new DefaultConfig());
        client.addHostKeyVerifier(hostKeys);
        client.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        client.getTransport().setTimeoutMs(Math.toIntExact(handshakeTimeout.toMillis()));
        AtomicBoolean expired = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(connectTimeout.plus(handshakeTimeout).toMillis());
                expired.set(true);
                closeSocket(client);
            } catch (InterruptedException done) {
                // the handshake ended in time
            }
        }, "ssh-handshake-watchdog " + endpoint.host() + ":" + endpoint.port());
        watchdog.setDaemon(true);
        long start = System.nanoTime();
        try {
            KeyProvider key = client.loadKeys(endpoint.privateKey().toString());
            watchdog.start();
            client.connect(endpoint.host(), endpoint.port());
            client.authPublickey(endpoint.user(), key);
            watchdog.interrupt();
            return new SshConnection(client, endpoint);
        } catch (IOException | RuntimeException e) {
            watchdog.interrupt();
            closeQuietly(client);
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
                + ": " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()), e);
    }

    @Override
    public ShellResult run(String command, String stdin, Duration timeout) {
        long limit = Math.max(1, timeout.toMillis());
        String guarded = "timeout -k 2 " + (int) Math.ceil(limit / 1000.0 + REMOTE_GRACE_SECONDS) + " sh -c "
                + ShellWords.quote(command);
        acquireSession(command);
        Session session = null;
        Session.Command running = null;
        boolean timedOut = false;
        try {
            session = openSession();
            running = session.exec(guarded);
            CompletableFuture<String> out = drain(running.getInputStream());
            CompletableFuture<String> err = drain(running.getErrorStream());
            try (OutputStream in = running.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    in.flush();
                }
            }
            try {
                running.join(limit, TimeUnit.MILLISECONDS);
            } catch (IOException stillRunning) {
                // join gives up with an exception when the time is over; the open channel says so below
            }
            if (running.isOpen()) {
                timedOut = true;
                throw new SshException.CommandTimeout(endpoint + ": command did not end within " + seconds(timeout)
                        + " and was killed: " + abbreviate(command));
            }
            Integer status = running.getExitStatus();
            String stdout = out.get(5, TimeUnit.SECONDS);
            String stderr = err.get(5, TimeUnit.SECONDS);
            if (status == null) {
                Signal signal = running.getExitSignal();
                return new ShellResult(-1, stdout, stderr + (signal == null ? "" : "killed by SIG" + signal));
            }
            return new ShellResult(status, stdout, stderr);
        } catch (SshException e) {
            throw e;
        } catch (Exception e) {
            throw new SshException(endpoint + ": running '" + abbreviate(command) + "' failed: "
                    + rootCause(e).getClass().getSimpleName() + ": " + firstLine(rootCause(e).getMessage()), e);
        } finally {
            release(session, timedOut ? running : null);
        }
    }

    /**
     * A finished session closes at once. An overrunning command is told to stop (TERM, which timeout(1) on the host
     * passes on to the command) and its session closed in the background: the server confirms the close only once
     * the command has ended, and the caller must not wait for that. timeout(1) on the host bounds it in any case.
     */
    private void release(Session session, Session.Command overrunning) {
        if (session == null) {
            sessions.release();
            return;
        }
        if (overrunning == null) {
            closeQuietly(session);
            sessions.release();
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                overrunning.signal(Signal.TERM);
            } catch (IOException | RuntimeException ignored) {
                // not every server honours signals
            }
            try {
                closeQuietly(session);
            } finally {
                sessions.release();
            }
        }, "ssh-close-overrunning-session");
        closer.setDaemon(true);
        closer.start();
    }

    @Override
    public Following follow(String command, Duration limit, java.util.function.Consumer<String> lines) {
        acquireSession(command);
        Session session = null;
        try {
            session = openSession();
            Session.Command running = session.exec("timeout -k 2 " + Math.max(1, limit.toSeconds()) + " sh -c "
                    + ShellWords.quote(command));
            running.getOutputStream().close();
            Thread reader = new Thread(() -> {
                try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        running.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.accept(line);
                    }
                } catch (IOException | RuntimeException ended) {
                    // the stream ends when the command is stopped
                }
            }, "ssh-follow " + abbreviate(command));
            reader.setDaemon(true);
            reader.start();
            Session owned = session;
            java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
            return () -> {
                if (closed.compareAndSet(false, true)) {
                    release(owned, running);
                }
            };
        } catch (IOException | RuntimeException e) {
            release(session, null);
            throw new SshException(endpoint + ": cannot start '" + abbreviate(command) + "': "
                    + rootCause(e).getClass().getSimpleName() + ": " + firstLine(rootCause(e).getMessage()), e);
        }
    }

    @Override
    public synchronized void write(String path, byte[] content, int mode) {
        try {
            SFTPClient files = sftp();
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                files.mkdirs(path.substring(0, slash));
            }
            FileAttributes permissions = new FileAttributes.Builder().withPermissions(mode).build();
            try (RemoteFile file = files.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC),
                    permissions)) {
                // An existing file keeps its old mode on open; narrow it before the first byte lands.
                file.setAttributes(permissions);
                for (int offset = 0; offset < content.length; offset += SFTP_CHUNK) {
                    file.write(offset, content, offset, Math.min(SFTP_CHUNK, content.length - offset));
                }
            }
        } catch (IOException e) {
            throw new SshException(endpoint + ": cannot write " + path + " over SFTP: " + firstLine(e.getMessage()), e);
        }
    }

    private SFTPClient sftp() throws IOException {
        if (sftp == null) {
            sftp = client.newSFTPClient();
        }
        return sftp;
    }

    @Override
    public String describe() {
        return endpoint.toString();
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // the connection goes next
            }
        }
        closeQuietly(client);
    }

    /**
     * A new session channel. The server may still count a just-closed session against its limit (OpenSSH: 10 per
     * connection), so a refused open is retried a few times before it counts as a failure.
     */
    private Session openSession() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.startSession();
            } catch (net.schmizz.sshj.connection.channel.OpenFailException refused) {
                if (attempt == 5) {
                    throw refused;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused;
                }
            }
        }
    }

    private void acquireSession(String command) {
        try {
            if (!sessions.tryAcquire(2, TimeUnit.MINUTES)) {
                throw new SshException(endpoint + ": no free SSH session for 2 min to run '" + abbreviate(command) + "'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(endpoint + ": interrupted while waiting for an SSH session");
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("");
            }
        }, "ssh-stream-reader");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
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

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing left to release
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Commands can carry scripts; a message shows their start only (and never a secret: none are passed as arguments). */
    static String abbreviate(String command) {
        String flat = command.replace('\n', ' ');
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }
}
